import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { DirectoryOptions } from '../../client/DuoDirectory';
import type { AliasSlot } from '../../client/duoObjects';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../transport/retryPolicy';
import type { ItemScope } from '../../sync/actionResult';
import type { IdentityMapping, UsernameSource } from '../../sync/userProfile';

export const retryBaseDelayOption: INodeProperties = {
	displayName: 'Retry Base Delay (Ms)',
	name: 'retryBaseDelayMs',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 1000,
	description:
		'First wait after Duo answers 429 or 5xx; each retry doubles it, up to 32 times this value, plus random jitter',
};

export const dryRunOption: INodeProperties = {
	displayName: 'Dry Run',
	name: 'dryRun',
	type: 'boolean',
	default: false,
	description:
		'Whether to only plan the writes: Duo is read but not changed, and each output item lists its planned writes (method, path, parameters, old and new values). Read from the first item for the whole execution.',
};

export const GROUP_CACHE_MAX_AGE_DEFAULT = 60;

export const groupCacheMaxAgeOption: INodeProperties = {
	displayName: 'Group Cache Max Age (Minutes)',
	name: 'groupCacheMaxAge',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: GROUP_CACHE_MAX_AGE_DEFAULT,
	description:
		"How long the node keeps the list of Duo groups (ID, name, description) in the workflow's static data, so later executions look groups up without listing them. A group name it does not know is always looked up in Duo before a group is created. A group renamed directly in Duo can still be found by its old name until this age is reached. 0 lists groups once per execution.",
};

export const strictOption: INodeProperties = {
	displayName: 'Strict',
	name: 'strict',
	type: 'boolean',
	default: false,
	description:
		'Whether an item whose user or group does not exist in Duo fails, instead of being output as skipped',
};

export const aliasSlotOption: INodeProperties = {
	displayName: 'Alias for IdP User ID',
	name: 'aliasSlot',
	type: 'options',
	default: 'alias1',
	description:
		'The Duo alias that keeps the IdP user ID, so a user renamed in the IdP is found and renamed in Duo instead of duplicated. Only this alias is written; the other aliases are left alone. With a mapping profile, the alias attributes of the profile apply instead.',
	options: [
		{ name: 'Alias 1', value: 'alias1' },
		{ name: 'Alias 2', value: 'alias2' },
		{ name: 'Alias 3', value: 'alias3' },
		{ name: 'Alias 4', value: 'alias4' },
		{
			name: 'None',
			value: 'none',
			description: 'Do not store the IdP user ID; match by username only',
		},
	],
};

export const createMissingGroupsOption: INodeProperties = {
	displayName: 'Create Missing Groups',
	name: 'createMissingGroups',
	type: 'boolean',
	default: false,
	description: 'Whether to create a Duo group that does not exist yet instead of leaving it out',
};

export const groupAllowlistOption: INodeProperties = {
	displayName: 'Group Allowlist',
	name: 'groupAllowlist',
	type: 'string',
	default: '',
	placeholder: 'e.g. MFA-*, VPN Users',
	description:
		'Comma-separated group names or patterns with * wildcards. Only matching groups are changed; empty means all groups.',
};

export const sendEnrollmentEmailOption: INodeProperties = {
	displayName: 'Send Enrollment Email',
	name: 'sendEnrollmentEmail',
	type: 'boolean',
	default: false,
	description:
		"Whether to email the user a new Duo enrollment link after devices were removed (to the user's Duo email address)",
};

/** An "Options" collection holding the given options plus the retry delay, sorted by name. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [...options, retryBaseDelayOption].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	};
}

export function readOptions(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	return ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
}

export function readRetryPolicy(ctx: IExecuteFunctions): RetryPolicy {
	const options = ctx.getInputData().length > 0 ? readOptions(ctx, 0) : {};
	const base = Number(options.retryBaseDelayMs ?? DEFAULT_RETRY_POLICY.baseDelayMs);
	return { ...DEFAULT_RETRY_POLICY, baseDelayMs: Number.isFinite(base) && base >= 0 ? base : 1000 };
}

/** Dry Run and the group cache age, read from the first item: they hold for the execution. */
export function readDirectoryOptions(ctx: IExecuteFunctions): DirectoryOptions {
	const options = ctx.getInputData().length > 0 ? readOptions(ctx, 0) : {};
	const maxAge = Number(options.groupCacheMaxAge ?? GROUP_CACHE_MAX_AGE_DEFAULT);
	return {
		dryRun: options.dryRun === true,
		groupCacheMaxAgeMinutes:
			Number.isFinite(maxAge) && maxAge >= 0 ? maxAge : GROUP_CACHE_MAX_AGE_DEFAULT,
	};
}

export function itemScope(ctx: IExecuteFunctions, itemIndex: number): ItemScope {
	return { node: ctx.getNode(), itemIndex, strict: readOptions(ctx, itemIndex).strict === true };
}

/** Username source (top-level parameters) and alias slot (option) for identity-based operations. */
export function readIdentityMapping(ctx: IExecuteFunctions, itemIndex: number): IdentityMapping {
	const usernameSource = ctx.getNodeParameter(
		'usernameSource',
		itemIndex,
		'login',
	) as UsernameSource;
	const aliasSlot = (readOptions(ctx, itemIndex).aliasSlot ?? 'alias1') as AliasSlot | 'none';
	return {
		usernameSource,
		usernameAttribute:
			usernameSource === 'attribute'
				? (ctx.getNodeParameter('usernameAttribute', itemIndex, '') as string)
				: undefined,
		aliasSlot,
	};
}

export const usernameSourceFields: INodeProperties[] = [
	{
		displayName: 'Username From',
		name: 'usernameSource',
		type: 'options',
		default: 'login',
		description: 'Which value of the IdP user becomes the Duo username',
		options: [
			{ name: 'Email', value: 'email', description: "The user's email address" },
			{ name: 'Login', value: 'login', description: 'The IdP login (Okta: the username)' },
			{ name: 'Mapped Attribute', value: 'attribute', description: 'An attribute of the IdP user' },
		],
	},
	{
		displayName: 'Username Attribute',
		name: 'usernameAttribute',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. samAccountName',
		description: "Name of the attribute in the event's user.attributes that holds the username",
		displayOptions: { show: { usernameSource: ['attribute'] } },
	},
];
