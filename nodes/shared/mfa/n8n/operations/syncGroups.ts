import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import type { CompiledDocument } from '../../../mapping';
import { parseIdentityEvent } from '../../../model';
import { isMarked } from '../../anchors';
import { groupAllowlist, parseNameList, type GroupAllowlist } from '../../groupNames';
import type { GroupSetIntent, GroupSetMode } from '../../planGroupSet';
import type { MfaGroup } from '../../port';
import {
	managedByProfile,
	mappingReport,
	outOfScope,
	profileForEvent,
	profileForTenant,
	profileGroupName,
} from '../../profiles';
import { runGroupSet } from '../../run';
import { defineUserOperation } from '../defineOperation';
import { userLocator } from '../locators';
import { mappingFields } from '../mappingFields';
import {
	createMissingGroupsOption,
	dryRunField,
	groupAllowlistOption,
	itemScope,
	optionsCollection,
	readOptions,
	strictOption,
} from '../options';
import type { MfaNodeProvider, MfaOperation } from '../provider';
import { loadItemProfiles } from '../profileInput';

function properties(provider: MfaNodeProvider): INodeProperties[] {
	const name = provider.capabilities.provider;
	return [
		userLocator(name, provider.userIdPlaceholder, provider.usersById !== false),
		{
			displayName: 'Groups',
			name: 'groups',
			type: 'string',
			default: '',
			placeholder: 'e.g. MFA Users, VPN Users',
			description: `Comma-separated ${name} group names, or an expression that returns a list of names. With a mapping profile, IdP group names, which the profile filters and renames.`,
		},
		{
			displayName: 'Mode',
			name: 'mode',
			type: 'options',
			default: 'add',
			options: [
				{ name: 'Add Only', value: 'add', description: 'Add the user to the listed groups' },
				{ name: 'Remove Only', value: 'remove', description: 'Remove the user from the listed groups' },
				{
					name: 'Set Exactly',
					value: 'set',
					description:
						'Make the listed groups the only ones the user is in, among the groups it may manage: those the allowlist or the mapping profile admits, or with "Only IdP-Linked Groups", those the IdP sync created or claimed',
				},
			],
		},
		{
			displayName: `"Set Exactly" removes the user from every unlisted ${name} group it manages. Bound it with a Group Allowlist, a mapping profile, or "Only IdP-Linked Groups"; without a bound it refuses to run.`,
			name: 'setNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { mode: ['set'] } },
		},
		...mappingFields(name, provider.sampleProfile),
		dryRunField(name),
		optionsCollection([
			createMissingGroupsOption(name),
			groupAllowlistOption,
			...(provider.groupOptions ?? []),
			{
				displayName: 'Only IdP-Linked Groups',
				name: 'onlyIdpGroups',
				type: 'boolean',
				default: false,
				description: `Whether "Set Exactly" removes the user only from ${name} groups that an identity provider created or claimed (their description holds an idp: marker)`,
			},
			strictOption(name),
		]),
	];
}

type Planned = { intent: GroupSetIntent; report?: IDataObject } | { skipped: IDataObject };

interface Request {
	names: string[];
	mode: GroupSetMode;
	createMissing: boolean;
	allowed: GroupAllowlist;
	onlyIdpGroups: boolean;
}

function boundedRemoval(request: Request, managed?: (group: MfaGroup) => boolean): (group: MfaGroup) => boolean {
	return (group) =>
		request.allowed(group.name) &&
		(!managed || managed(group)) &&
		(!request.onlyIdpGroups || isMarked(group));
}

function planItem(
	json: IDataObject,
	request: Request,
	document: CompiledDocument | undefined,
	refuse: (message: string) => never,
): Planned {
	if (request.mode === 'set' && !request.allowed.bounded && !document && !request.onlyIdpGroups) {
		refuse('"Set Exactly" needs a bound on the groups it may remove the user from');
	}
	const ignored = request.names.filter((name) => !request.allowed(name));
	const listed = request.names.filter((name) => request.allowed(name));
	if (!document) {
		return {
			intent: {
				kind: 'groupSet',
				names: listed,
				mode: request.mode,
				createMissing: request.createMissing,
				removable: boundedRemoval(request),
				ignored,
			},
		};
	}
	const parsed = parseIdentityEvent(json);
	const source = json.source as IDataObject | undefined;
	const tenant = parsed.ok ? parsed.event.source.tenant : String(source?.tenant ?? '');
	const mapped = parsed.ok ? profileForEvent(document, parsed.event) : profileForTenant(document, tenant);
	const report = mappingReport(mapped);
	const skip = outOfScope(mapped, tenant);
	if (skip !== undefined || !mapped.profile) return { skipped: { action: 'skipped', reason: skip, mapping: report } };
	const groupName = profileGroupName(mapped.profile, request.allowed);
	const names: string[] = [];
	const excluded: Array<{ name: string; reason: string }> = [];
	for (const name of request.names) {
		const result = groupName(name);
		if ('name' in result) names.push(result.name);
		else excluded.push({ name, reason: result.skipped });
	}
	const { groups } = mapped.profile;
	return {
		intent: {
			kind: 'groupSet',
			names,
			mode: request.mode,
			createMissing: groups.createMissing ?? request.createMissing,
			removable: boundedRemoval(request, (group) => managedByProfile(groups, group.name)),
			ignored: [],
			excluded,
		},
		report,
	};
}

function readRequest(ctx: IExecuteFunctions, itemIndex: number): Request {
	const options = readOptions(ctx, itemIndex);
	return {
		names: parseNameList(ctx.getNodeParameter('groups', itemIndex, '')),
		mode: ctx.getNodeParameter('mode', itemIndex, 'add') as GroupSetMode,
		createMissing: options.createMissingGroups === true,
		allowed: groupAllowlist(parseNameList(options.groupAllowlist ?? '')),
		onlyIdpGroups: options.onlyIdpGroups === true,
	};
}

/** Sync Groups: set, add or remove a user's groups, never beyond the groups it may manage. */
export function syncGroupsOperation(provider: MfaNodeProvider): MfaOperation {
	const name = provider.capabilities.provider;
	return defineUserOperation(
		provider,
		{ operation: 'syncGroups', destructive: true, needs: { groups: true } },
		properties(provider),
		async ({ ctx, directory, items }) => {
			const documents = await loadItemProfiles(ctx, items, provider.capabilities);
			return async (user, itemIndex) => {
				const refuse = (message: string): never => {
					throw new NodeOperationError(ctx.getNode(), message, {
						itemIndex,
						description:
							'Set a Group Allowlist, choose a mapping profile, or turn on "Only IdP-Linked Groups" in the options, so that groups such as Admins are never removed by accident. Nothing was changed.',
					});
				};
				const request = readRequest(ctx, itemIndex);
				const planned = planItem(items[itemIndex].json, request, documents[itemIndex], refuse);
				if ('skipped' in planned) return { ...planned.skipped, username: user.username, userId: user.id };
				if (planned.intent.mode === 'set' && planned.intent.names.length === 0) {
					return {
						action: 'skipped',
						reason: '"Set Exactly" got no group names; it never removes every group of a user',
						username: user.username,
						userId: user.id,
						...(planned.report ? { mapping: planned.report } : {}),
					};
				}
				const outcome = await runGroupSet(directory, itemScope(ctx, itemIndex, name), planned.intent, user);
				if (planned.report) outcome.result = { ...outcome.result, mapping: planned.report };
				return outcome;
			};
		},
	);
}
