import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';

import { mapWithConcurrency } from '../../../http/concurrency';
import { parseDirectoryUser, type DirectoryUser } from '../../../model';
import { executePlan } from '../../execute';
import { groupAllowlist, parseNameList } from '../../groupNames';
import { intentOf, type Intent } from '../../intents';
import type { Plan } from '../../planUser';
import type { MfaDirectory } from '../../port';
import { withinCapabilities } from '../../limits';
import { intentForEvent, settingsApplyOptions, type ApplySettings } from '../../profiles';
import {
	directoryEvent,
	managedGroups,
	orphanIntent,
	orphansOf,
	summarize,
	tenantPrefix,
	type OrphanPolicy,
} from '../../reconcile';
import { orderedResult, type ActionResult, type ItemScope } from '../../results';
import { planIntent, runIntent } from '../../run';
import { stepJson } from '../../steps';
import { refuseAsTool } from '../defineOperation';
import { itemError } from '../itemLoop';
import { mappingFields } from '../mappingFields';
import {
	createMissingGroupsOption,
	groupAllowlistOption,
	optionsCollection,
	readDryRun,
	readIdentityMapping,
	readOptions,
	usernameSourceFields,
} from '../options';
import { loadItemProfiles } from '../profileInput';
import { anchorFieldOf, type MfaNodeProvider, type MfaOperation } from '../provider';

const SHAPE = { resource: 'directory', operation: 'reconcile', destructive: true };
/** Users changed at once: a request's own overhead then never holds the run below its request rate. */
const PARALLEL_USERS = 4;
const show = { show: { resource: ['directory'], operation: ['reconcile'] } };

function properties(provider: MfaNodeProvider): INodeProperties[] {
	const name = provider.capabilities.provider;
	const fields: INodeProperties[] = [
		{
			displayName: `Takes every input item as one user of an identity provider's directory (the IdP Directory node's Get Users) and brings ${name} in line with the whole set: creates missing users, updates drifted profiles, status and group memberships, and handles ${name} users that carry this tenant's anchor but are gone from the directory. Users the mapping's rules exclude, and ${name} users without this tenant's anchor, are never touched. Run it as a Dry Run first: the output is the plan.`,
			name: 'reconcileNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Dry Run',
			name: 'dryRun',
			type: 'boolean',
			default: true,
			description: `Whether to only plan: ${name} is read but not changed; the output is a summary and one item per planned change with its before and after`,
		},
		...mappingFields(name, provider.sampleProfile),
		...usernameSourceFields(name),
		optionsCollection([
			...(provider.anchorOption ? [provider.anchorOption.property] : []),
			{
				displayName: 'Allow Removals Above Threshold',
				name: 'allowLargeRemovals',
				type: 'boolean',
				default: false,
				description: 'Whether to apply a plan that disables or deletes more users than the threshold allows',
			},
			{ ...createMissingGroupsOption(name), default: true },
			groupAllowlistOption,
			...(provider.groupOptions ?? []),
			{
				displayName: 'Max Requests per Second',
				name: 'maxRequestsPerSecond',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 10,
				description: 'The request rate the run stays within (rate-limited answers are still waited out); 0 for no limit',
			},
			{
				displayName: 'Orphans',
				name: 'orphans',
				type: 'options',
				default: 'disable',
				description: `What becomes of ${name} users that carry this tenant's anchor but are not in the directory`,
				options: [
					{ name: 'Delete', value: 'delete' },
					{ name: 'Disable', value: 'disable' },
					{ name: 'Leave', value: 'leave' },
				],
			},
			{
				displayName: 'Removal Threshold (Percent)',
				name: 'thresholdPercent',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 10,
				description: "The largest share of this tenant's users one run may disable or delete, in a tenant of 100 users or more",
			},
			{
				displayName: 'Removal Threshold (Users)',
				name: 'thresholdCount',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 50,
				description: 'The most users one run may disable or delete',
			},
		]),
	];
	return updateDisplayOptions(show, fields);
}

function readDirectory(ctx: IExecuteFunctions, items: INodeExecutionData[]): DirectoryUser[] {
	if (items.length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'Reconcile got no directory users', {
			description: `An empty directory would make every synced user an orphan; nothing was written. Connect the IdP Directory node's Get Users.`,
		});
	}
	const users = items.map((item, itemIndex) => {
		const parsed = parseDirectoryUser(item.json);
		if (!parsed.ok) {
			throw new NodeOperationError(ctx.getNode(), 'The input item is not a directory user', {
				itemIndex,
				description: `Connect the IdP Directory node's Get Users; nothing was written. Details: ${parsed.message}`,
			});
		}
		return parsed.user;
	});
	const [first] = users;
	const other = users.findIndex((user) => user.idp !== first.idp || user.tenant.toLowerCase() !== first.tenant.toLowerCase());
	if (other >= 0) {
		throw new NodeOperationError(ctx.getNode(), 'The directory users come from more than one tenant', {
			itemIndex: other,
			description: `Reconcile takes one tenant's whole directory per execution (item 0 is ${first.idp} ${first.tenant}, item ${other} is ${users[other].idp} ${users[other].tenant}); nothing was written.`,
		});
	}
	return users;
}

function readSettings(ctx: IExecuteFunctions, provider: MfaNodeProvider): ApplySettings & { options: IDataObject } {
	const options = readOptions(ctx, 0);
	return {
		options,
		mapping: readIdentityMapping(ctx, 0, anchorFieldOf(provider, options)),
		createMissingGroups: options.createMissingGroups !== false,
		onUserDeleted: 'disable',
		resetOn: 'providerFactors',
		sendEnrollmentEmail: false,
		allowed: groupAllowlist(parseNameList(options.groupAllowlist ?? '')),
	};
}

interface Planned {
	intent: Intent;
	plan: Plan;
	/** The input item the change is about; orphans point at the first item. */
	itemIndex: number;
}

const changes = (planned: Planned) => planned.plan.steps.length > 0;

/** Directory users the provider cannot carry (for example users it does not create), counted by reason. */
function skippedByReason(planned: Planned[]): Record<string, number> {
	const reasons: Record<string, number> = {};
	for (const { intent, plan } of planned) {
		const result = plan.result as ActionResult;
		if (intent.kind === 'skip' || plan.steps.length > 0 || result.action !== 'skipped') continue;
		const reason = String(result.reason ?? 'skipped');
		reasons[reason] = (reasons[reason] ?? 0) + 1;
	}
	return reasons;
}

/** Reconcile: the whole directory of one tenant against the MFA provider, planned before any write. */
export function reconcileOperation(provider: MfaNodeProvider): MfaOperation {
	const name = provider.capabilities.provider;
	return {
		description: properties(provider),
		destructive: true,
		async execute(this: IExecuteFunctions, items: INodeExecutionData[], directory: MfaDirectory) {
			refuseAsTool(this, SHAPE);
			const entries = readDirectory(this, items);
			const settings = readSettings(this, provider);
			const [document] = await loadItemProfiles(this, [items[0]], provider.capabilities);
			const { idp, tenant } = entries[0];
			const prefix = tenantPrefix(idp, tenant);
			const scope = (itemIndex: number): ItemScope => ({ node: this.getNode(), itemIndex, strict: false, provider: name });
			const log = (message: string) => this.logger.info(`${name} Reconcile (${tenant}): ${message}`);

			const mfaUsers = await directory.listUsers((read, total) => {
				if (read % 1000 < 300 || read === total) log(`listed ${read}${total ? ` of ${total}` : ''} ${name} users`);
			});
			const managed = managedGroups(entries, settingsApplyOptions(settings, provider.capabilities).groupName, prefix);
			const intents: Array<{ intent: Intent; itemIndex: number }> = entries.map((entry, itemIndex) => {
				const { intent } = intentForEvent(directoryEvent(entry), settings, document, provider.capabilities, (e, options) =>
					withinCapabilities(intentOf(e, options), provider.capabilities),
				);
				if (intent.kind === 'user') intent.managedGroup = managed;
				return { intent, itemIndex };
			});
			const excluded = intents.filter(({ intent }) => intent.kind === 'skip').length;
			const orphans = orphansOf(mfaUsers, entries, prefix);
			const policy = (settings.options.orphans ?? 'disable') as OrphanPolicy;
			for (const orphan of orphans) intents.push({ intent: orphanIntent(orphan, policy), itemIndex: 0 });

			const planned: Planned[] = [];
			for (const { intent, itemIndex } of intents) {
				planned.push({ intent, itemIndex, plan: await planIntent(directory, scope(itemIndex), intent) });
			}
			const tenantUsers = mfaUsers.filter((user) => user.aliases.some((alias) => alias.toLowerCase().startsWith(prefix))).length;
			const summary = summarize(
				planned.filter(changes).map((entry) => entry.plan.result),
				{ users: entries.length, orphans: orphans.length, excluded, tenantUsers: Math.max(tenantUsers, entries.length) },
				{ count: Number(settings.options.thresholdCount ?? 50), percent: Number(settings.options.thresholdPercent ?? 10) },
				settings.options.allowLargeRemovals === true,
			);
			const dryRun = readDryRun(this, true);
			const toChange = planned.filter(changes);
			const output: INodeExecutionData[] = [];
			const changeItems: INodeExecutionData[] = [];
			let applied = 0;
			if (summary.blocked) {
				log(`blocked: ${summary.blocked}`);
			} else if (dryRun) {
				for (const entry of toChange) {
					const first = directory.writes.length;
					await executePlan(directory, entry.plan.steps);
					changeItems.push({
						json: {
							...orderedResult(entry.plan.result as ActionResult),
							plan: entry.plan.steps.map(stepJson),
							plannedWrites: directory.writes.slice(first) as unknown as IDataObject[],
						},
						pairedItem: { item: entry.itemIndex },
					});
				}
			} else {
				log(`applying ${toChange.length} changes`);
				let stopped: Error | undefined;
				const results = await mapWithConcurrency(toChange, PARALLEL_USERS, async (entry) => {
					if (stopped) return undefined;
					try {
						const outcome = await runIntent(directory, scope(entry.itemIndex), entry.intent);
						applied += 1;
						if (applied % 100 === 0) log(`applied ${applied} of ${toChange.length} changes`);
						return { json: orderedResult(outcome.result as ActionResult), pairedItem: { item: entry.itemIndex } };
					} catch (error) {
						const failure = itemError(this.getNode(), error, entry.itemIndex);
						if (!this.continueOnFail()) {
							stopped ??= failure;
							return undefined;
						}
						return { json: { error: failure.message, description: failure.description }, pairedItem: { item: entry.itemIndex } };
					}
				});
				log(`applied ${applied} of ${toChange.length} changes`);
				if (stopped) {
					const failure = stopped as NodeOperationError;
					failure.description = `${failure.description ?? ''} Applied ${applied} of ${toChange.length} changes; run Reconcile again to continue: it plans from what ${name} holds now and never repeats a change.`.trim();
					throw failure;
				}
				for (const result of results) if (result) changeItems.push(result as INodeExecutionData);
			}
			const { blocked, ...counts } = summary;
			const skipped = skippedByReason(planned);
			output.push({
				json: {
					action: 'reconcile',
					idp,
					tenant,
					dryRun,
					...(blocked ? { blocked: true, reason: blocked } : {}),
					planned: toChange.length,
					applied,
					...counts,
					...(Object.keys(skipped).length > 0 ? { skipped } : {}),
				} as unknown as IDataObject,
				pairedItem: items.map((_, item) => ({ item })),
			});
			return [...output, ...changeItems];
		},
	};
}
