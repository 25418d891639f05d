import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CompiledDocument } from '../../../mapping';
import type { IdentityEvent } from '../../../model';
import { groupAllowlist, parseNameList } from '../../groupNames';
import { intentOf, lookupKeysOf, type Intent } from '../../intents';
import { intentForEvent, type ApplySettings, type ResetOn } from '../../profiles';
import { noGroupsReason, withinCapabilities } from '../../limits';
import { runIntent } from '../../run';
import { defineItemOperation } from '../defineOperation';
import { readIdentityEvent } from '../eventInput';
import { mappingFields } from '../mappingFields';
import {
	createMissingGroupsOption,
	dryRunField,
	groupAllowlistOption,
	itemScope,
	optionsCollection,
	readIdentityMapping,
	readOptions,
	sendEnrollmentEmailOption,
	strictOption,
	usernameSourceFields,
} from '../options';
import { loadItemProfiles } from '../profileInput';
import { anchorFieldOf, type MfaNodeProvider, type MfaOperation } from '../provider';

/** What Apply does, as the node's notice says it: only what the provider can do. */
function applyNotice(provider: MfaNodeProvider): string {
	const { capabilities } = provider;
	const name = capabilities.provider;
	const users = capabilities.unsupported?.createUser
		? `updated, disabled or enabled, deleted (never created: ${capabilities.unsupported.createUser})`
		: 'created or updated, disabled or enabled, deleted';
	const groups = capabilities.groups
		? 'group memberships and groups follow the IdP'
		: `group events are output as skipped (${noGroupsReason(capabilities)})`;
	return `Each input item must be a normalized identity event, as the IdP Event Trigger outputs. The ${name} user follows the identity provider's current state (as the trigger's enrichment reports it): ${users}; ${groups}, and an MFA reset removes the user's ${name} devices. A duplicate, late or out-of-order event changes nothing and says why.`;
}

function groupSettings(provider: MfaNodeProvider): INodeProperties[] {
	const name = provider.capabilities.provider;
	if (!provider.capabilities.groups) return [];
	return [{ ...createMissingGroupsOption(name), default: true }, groupAllowlistOption, ...(provider.groupOptions ?? [])];
}

function properties(provider: MfaNodeProvider): INodeProperties[] {
	const { capabilities } = provider;
	const name = capabilities.provider;
	return [
		{ displayName: applyNotice(provider), name: 'applyNotice', type: 'notice', default: '' },
		dryRunField(name),
		...mappingFields(name, provider.sampleProfile),
		...usernameSourceFields(name, provider.usernameSource),
		optionsCollection([
			...(provider.anchorOption ? [provider.anchorOption.property] : []),
			...groupSettings(provider),
			{
				displayName: 'On User Deleted',
				name: 'onUserDeleted',
				type: 'options',
				default: 'delete',
				description: `What a user deleted in the IdP becomes in ${name}`,
				options: [
					{ name: 'Delete the User', value: 'delete' },
					{ name: 'Disable the User', value: 'disable' },
				],
			},
			{
				displayName: 'Reset On',
				name: 'resetOn',
				type: 'options',
				default: 'providerFactors',
				description: `Which IdP MFA resets remove the user's ${name} devices`,
				options: [
					{
						name: 'Reset of All Factors or of a Provider Factor',
						value: 'providerFactors',
						description: `Only a reset of all factors, or of a factor whose provider, type or name is ${name}`,
					},
					{ name: 'Any MFA Reset', value: 'anyReset', description: 'Also a reset of one unrelated factor, such as SMS' },
				],
			},
			...(capabilities.enrollmentEmail ? [sendEnrollmentEmailOption(name)] : []),
			strictOption(name),
		]),
	];
}

function readApplySettings(ctx: IExecuteFunctions, itemIndex: number, provider: MfaNodeProvider): ApplySettings {
	const options = readOptions(ctx, itemIndex);
	return {
		mapping: readIdentityMapping(ctx, itemIndex, anchorFieldOf(provider, options), provider.usernameSource),
		createMissingGroups: options.createMissingGroups !== false,
		onUserDeleted: options.onUserDeleted === 'disable' ? 'disable' : 'delete',
		resetOn: (options.resetOn === 'anyReset' ? 'anyReset' : 'providerFactors') as ResetOn,
		sendEnrollmentEmail: options.sendEnrollmentEmail === true,
		allowed: groupAllowlist(parseNameList(options.groupAllowlist ?? '')),
	};
}

interface ApplyInput {
	event: IdentityEvent;
	intent: Intent;
	/** The `mapping` part of the output, when a profile applies. */
	report?: IDataObject;
}

function prepareEvent(
	event: IdentityEvent,
	settings: ApplySettings,
	document: CompiledDocument | undefined,
	provider: MfaNodeProvider,
): ApplyInput {
	const { capabilities } = provider;
	const made = intentForEvent(event, settings, document, capabilities, (e, options) =>
		withinCapabilities(intentOf(e, options), capabilities),
	);
	return { event, ...made };
}

/** Apply Identity Event: what the identity provider's current state means for the MFA provider. */
export function applyOperation(provider: MfaNodeProvider): MfaOperation {
	const name = provider.capabilities.provider;
	return defineItemOperation<ApplyInput>(
		{ resource: 'identityEvent', operation: 'apply', destructive: true },
		properties(provider),
		async ({ ctx, directory, items }) => {
			const documents = await loadItemProfiles(ctx, items, provider.capabilities);
			return {
				prepare: (itemIndex) => {
					const event = readIdentityEvent(ctx, items, itemIndex);
					const input = prepareEvent(event, readApplySettings(ctx, itemIndex, provider), documents[itemIndex], provider);
					return { input, lookup: { keys: lookupKeysOf(input.intent) } };
				},
				run: async ({ event, intent, report }, itemIndex) => {
					const outcome = await runIntent(directory, itemScope(ctx, itemIndex, name), intent);
					outcome.result = {
						...outcome.result,
						eventId: event.id,
						eventType: event.type,
						...(report ? { mapping: report } : {}),
					};
					return outcome;
				},
			};
		},
	);
}
