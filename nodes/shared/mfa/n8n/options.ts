import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { createPacer, type Pacer } from '../../http/pacer';
import type { IdentityMapping, UsernameSource } from '../desiredUser';
import type { ItemScope } from '../results';

/** Dry Run: a top-level switch on every write operation, read from the first item. */
export function dryRunField(provider: string): INodeProperties {
	return {
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description: `Whether to only plan the writes: ${provider} is read but not changed, and each output item lists its plan and the requests it would send (with old and new values)`,
	};
}

export function strictOption(provider: string): INodeProperties {
	return {
		displayName: 'Strict',
		name: 'strict',
		type: 'boolean',
		default: false,
		description: `Whether an item whose user or group does not exist in ${provider} fails, instead of being output as skipped`,
	};
}

export function createMissingGroupsOption(provider: string): INodeProperties {
	return {
		displayName: 'Create Missing Groups',
		name: 'createMissingGroups',
		type: 'boolean',
		default: false,
		description: `Whether to create a ${provider} group that does not exist yet instead of leaving it out`,
	};
}

export const groupAllowlistOption: INodeProperties = {
	displayName: 'Group Allowlist',
	name: 'groupAllowlist',
	type: 'string',
	default: '',
	placeholder: 'e.g. MFA-*, VPN Users',
	description:
		'Comma-separated group names or patterns with * and ? wildcards, case-insensitive. Only matching groups are changed; empty means all groups.',
};

export function sendEnrollmentEmailOption(provider: string): INodeProperties {
	return {
		displayName: 'Send Enrollment Email',
		name: 'sendEnrollmentEmail',
		type: 'boolean',
		default: false,
		description: `Whether to email the user a new ${provider} enrollment link after a reset, to the user's ${provider} email address. Also sent when the user has nothing enrolled, so a retry after a failed email sends it.`,
	};
}

export const retryBaseDelayOption: INodeProperties = {
	displayName: 'Retry Base Delay in Milliseconds',
	name: 'retryBaseDelayMs',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 1000,
	description:
		'First wait after a rate limit, server-side status or lost connection; each retry doubles it, up to 32 times this value, plus random jitter',
};

export const requestTimeoutOption: INodeProperties = {
	displayName: 'Request Timeout in Seconds',
	name: 'requestTimeoutSeconds',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 30,
	description:
		'How long one request may take before it counts as lost and is retried like a server-side status',
};

/** An "Options" collection holding the given options plus the retry settings, sorted by name. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [...options, retryBaseDelayOption, requestTimeoutOption].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	};
}

export function readOptions(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	return ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
}

/** The first item's options, for settings that hold for the whole execution. */
export function executionOptions(ctx: IExecuteFunctions): IDataObject {
	return ctx.getInputData().length > 0 ? readOptions(ctx, 0) : {};
}

export function readDryRun(ctx: IExecuteFunctions, fallback = false): boolean {
	return ctx.getInputData().length > 0 && ctx.getNodeParameter('dryRun', 0, fallback) === true;
}

/** The retry settings of the execution (from the first item), over the provider's defaults. */
export function readRetrySettings<T extends { baseDelayMs: number; timeoutMs: number; pacer?: Pacer }>(
	ctx: IExecuteFunctions,
	defaults: T,
): T {
	const options = executionOptions(ctx);
	const base = Number(options.retryBaseDelayMs ?? defaults.baseDelayMs);
	const timeout = Number(options.requestTimeoutSeconds ?? defaults.timeoutMs / 1000);
	const pacer = createPacer(Number(options.maxRequestsPerSecond ?? 0));
	return {
		...defaults,
		baseDelayMs: Number.isFinite(base) && base >= 0 ? base : defaults.baseDelayMs,
		timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout * 1000 : defaults.timeoutMs,
		...(pacer ? { pacer } : {}),
	};
}

export function itemScope(ctx: IExecuteFunctions, itemIndex: number, provider: string): ItemScope {
	return { node: ctx.getNode(), itemIndex, strict: readOptions(ctx, itemIndex).strict === true, provider };
}

/** Username source (top-level parameters) and the provider's anchor field, for identity-based operations. */
export function readIdentityMapping(
	ctx: IExecuteFunctions,
	itemIndex: number,
	anchorField: string,
	defaultSource: UsernameSource = 'login',
): IdentityMapping {
	const usernameSource = ctx.getNodeParameter('usernameSource', itemIndex, defaultSource) as UsernameSource;
	return {
		usernameSource,
		usernameAttribute:
			usernameSource === 'attribute'
				? (ctx.getNodeParameter('usernameAttribute', itemIndex, '') as string)
				: undefined,
		anchorField,
	};
}

export function usernameSourceFields(provider: string, defaultSource: UsernameSource = 'login'): INodeProperties[] {
	return [
		{
			displayName: 'Username From',
			name: 'usernameSource',
			type: 'options',
			default: defaultSource,
			description: `Which value of the IdP user becomes the ${provider} username`,
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
}
