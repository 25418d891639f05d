import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

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
		'The Duo alias that keeps the IdP user ID, so a user renamed in the IdP is found and renamed in Duo instead of duplicated. Only this alias is written; the other aliases are left alone.',
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
