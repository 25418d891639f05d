import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { CompiledDocument } from '../../../shared/mapping';
import { parseIdentityEvent } from '../../../shared/model';
import { groupAllowlist, parseNameList } from '../../sync/allowlist';
import { syncUserGroups, type GroupSyncMode, type GroupSyncRequest } from '../../sync/membership';
import {
	managedByProfile,
	mappingReport,
	outOfScope,
	profileForEvent,
	profileForTenant,
	profileGroupName,
} from '../../sync/profileMapping';
import { defineUserOperation } from '../common/defineOperation';
import { userLocator } from '../common/locators';
import { mappingFields } from '../common/mappingFields';
import {
	createMissingGroupsOption,
	dryRunOption,
	groupAllowlistOption,
	groupCacheMaxAgeOption,
	optionsCollection,
	readOptions,
	strictOption,
} from '../common/options';
import { loadItemProfiles } from '../common/profileInput';

const properties: INodeProperties[] = [
	userLocator,
	{
		displayName: 'Groups',
		name: 'groups',
		type: 'string',
		default: '',
		placeholder: 'e.g. MFA Users, VPN Users',
		description:
			'Comma-separated Duo group names, or an expression that returns a list of names. With a mapping profile, IdP group names, which the profile filters and renames.',
	},
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		default: 'set',
		options: [
			{ name: 'Add Only', value: 'add', description: 'Add the user to the listed groups' },
			{
				name: 'Remove Only',
				value: 'remove',
				description: 'Remove the user from the listed groups',
			},
			{
				name: 'Set Exactly',
				value: 'set',
				description:
					'Make the listed groups the only ones the user is in, among the groups the allowlist admits',
			},
		],
	},
	...mappingFields,
	optionsCollection([
		createMissingGroupsOption,
		dryRunOption,
		groupAllowlistOption,
		groupCacheMaxAgeOption,
		strictOption,
	]),
];

type SyncPlan = { request: GroupSyncRequest; report?: IDataObject } | { skipped: IDataObject };

/**
 * The group request of an item, through the item's profile when there is one. An item that is an
 * identity event picks the profile by its tenant and must pass the profile's rules; any other item
 * uses the profile for its `source.tenant`, if it has one, or the default profile. The listed IdP
 * names are mapped to Duo names, and "Set Exactly" manages only the Duo groups the profile maps to.
 */
function planItem(
	json: IDataObject,
	request: GroupSyncRequest,
	document: CompiledDocument | undefined,
): SyncPlan {
	if (!document) return { request };
	const parsed = parseIdentityEvent(json);
	const source = json.source as IDataObject | undefined;
	const tenant = parsed.ok ? parsed.event.source.tenant : String(source?.tenant ?? '');
	const mapped = parsed.ok
		? profileForEvent(document, parsed.event)
		: profileForTenant(document, tenant);
	const report = mappingReport(mapped);
	const skip = outOfScope(mapped, tenant);
	if (skip !== undefined || !mapped.profile) {
		return { skipped: { action: 'skipped', reason: skip, mapping: report } };
	}
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
		request: {
			...request,
			names,
			excluded,
			createMissing: groups.createMissing ?? request.createMissing,
			allowed: (name) => request.allowed(name) && managedByProfile(groups, name),
		},
		report,
	};
}

export const { description, execute } = defineUserOperation(
	'syncGroups',
	properties,
	async ({ ctx, directory, items }) => {
		const documents = await loadItemProfiles(ctx, items);
		return async (user, itemIndex) => {
			const options = readOptions(ctx, itemIndex);
			const plan = planItem(
				items[itemIndex].json,
				{
					names: parseNameList(ctx.getNodeParameter('groups', itemIndex, '')),
					mode: ctx.getNodeParameter('mode', itemIndex, 'set') as GroupSyncMode,
					createMissing: options.createMissingGroups === true,
					allowed: groupAllowlist(parseNameList(options.groupAllowlist ?? '')),
				},
				documents[itemIndex],
			);
			if ('skipped' in plan) return { ...plan.skipped, duoUserId: user.user_id };
			const result = await syncUserGroups(directory, user, plan.request);
			return plan.report ? { ...result, mapping: plan.report } : result;
		};
	},
);
