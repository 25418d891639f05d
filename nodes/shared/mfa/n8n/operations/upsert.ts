import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { CompiledDocument } from '../../../mapping';
import type { IdentityEvent, IdentityUser } from '../../../model';
import { groupAllowlist } from '../../groupNames';
import { lookupKeysOf, upsertIntentOf, type Intent, type UserIntent } from '../../intents';
import { intentForEvent, type ApplySettings } from '../../profiles';
import { runIntent } from '../../run';
import { defineItemOperation } from '../defineOperation';
import { readIdentityEvent } from '../eventInput';
import { mappingFields } from '../mappingFields';
import {
	dryRunField,
	itemScope,
	optionsCollection,
	readIdentityMapping,
	readOptions,
	usernameSourceFields,
} from '../options';
import { loadItemProfiles } from '../profileInput';
import { anchorFieldOf, type MfaNodeProvider, type MfaOperation } from '../provider';

const fromFields = { show: { input: ['fields'] } };
const fromEvent = { show: { input: ['event'] } };

function properties(provider: MfaNodeProvider, userFields: INodeProperties[]): INodeProperties[] {
	const name = provider.capabilities.provider;
	return [
		{
			displayName: 'User Data',
			name: 'input',
			type: 'options',
			default: 'fields',
			options: [
				{ name: 'Define Below', value: 'fields', description: 'Set the user fields in this node' },
				{
					name: 'From Identity Event',
					value: 'event',
					description: 'Use the user of the input item, an event from the IdP Event Trigger',
				},
			],
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. jane.doe@example.com',
			description: `The ${name} username. An existing user with this username or alias is updated.`,
			displayOptions: fromFields,
		},
		{
			displayName: 'IdP User ID',
			name: 'idpUserId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 00u1abcd2345EfGHIjk6',
			description: `The identity provider's immutable user ID. It is kept in the user's ${name} anchor field and looked up first, so a renamed user is updated instead of duplicated.`,
			displayOptions: fromFields,
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: fromFields,
			options: userFields,
		},
		...[...mappingFields(name, provider.sampleProfile), ...usernameSourceFields(name, provider.usernameSource)].map((field) => ({
			...field,
			displayOptions: { show: { ...fromEvent.show, ...(field.displayOptions?.show ?? {}) } },
		})),
		dryRunField(name),
		optionsCollection(provider.anchorOption ? [provider.anchorOption.property] : []),
	];
}

interface UpsertInput {
	intent: Intent;
	event?: { id: string; type: string };
	/** The `mapping` part of the output, when a profile applies. */
	report?: IDataObject;
}

function settingsFor(ctx: IExecuteFunctions, itemIndex: number, provider: MfaNodeProvider): ApplySettings {
	return {
		mapping: readIdentityMapping(
			ctx,
			itemIndex,
			anchorFieldOf(provider, readOptions(ctx, itemIndex)),
			provider.usernameSource,
		),
		createMissingGroups: false,
		onUserDeleted: 'disable',
		resetOn: 'providerFactors',
		sendEnrollmentEmail: false,
		allowed: groupAllowlist([]),
	};
}

function fromEventInput(
	event: IdentityEvent & { user: IdentityUser },
	settings: ApplySettings,
	document: CompiledDocument | undefined,
	provider: MfaNodeProvider,
): UpsertInput {
	const made = intentForEvent(event, settings, document, provider.capabilities, (e, options) =>
		upsertIntentOf(e as IdentityEvent & { user: IdentityUser }, options),
	);
	return { event: { id: event.id, type: event.type }, ...made };
}

function fromFieldsInput(ctx: IExecuteFunctions, itemIndex: number, provider: MfaNodeProvider): UpsertInput {
	const username = (ctx.getNodeParameter('username', itemIndex, '') as string).trim();
	if (!username) throw new NodeOperationError(ctx.getNode(), 'Set the "Username" field', { itemIndex });
	const idpUserId = (ctx.getNodeParameter('idpUserId', itemIndex, '') as string).trim();
	const { status, ...fields } = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const anchorField = anchorFieldOf(provider, readOptions(ctx, itemIndex));
	const intent: UserIntent = {
		kind: 'user',
		ref: { anchors: idpUserId ? [idpUserId] : undefined, username },
		label: username,
		desired: {
			username,
			fields: Object.fromEntries(Object.entries(fields).map(([field, value]) => [field, String(value)])),
			anchor: idpUserId && anchorField !== 'none' ? { field: anchorField, values: [idpUserId] } : undefined,
		},
		updateProfile: true,
		create: 'yes',
		remember: false,
		...(status !== undefined ? { status: String(status) } : {}),
	};
	return { intent };
}

/** Create or Update User, from fields or from an identity event. */
export function upsertOperation(provider: MfaNodeProvider, userFields: INodeProperties[]): MfaOperation {
	const name = provider.capabilities.provider;
	return defineItemOperation<UpsertInput>(
		{ resource: 'user', operation: 'upsert' },
		properties(provider, userFields),
		async ({ ctx, directory, items }) => {
			const documents = await loadItemProfiles(ctx, items, provider.capabilities);
			return {
				prepare: (itemIndex) => {
					let input: UpsertInput;
					if (ctx.getNodeParameter('input', itemIndex) === 'event') {
						const event = readIdentityEvent(ctx, items, itemIndex);
						if (!('user' in event)) {
							throw new NodeOperationError(ctx.getNode(), `A ${event.type} event has no user to sync`, { itemIndex });
						}
						const settings = settingsFor(ctx, itemIndex, provider);
						input = fromEventInput(event, settings, documents[itemIndex], provider);
					} else {
						input = fromFieldsInput(ctx, itemIndex, provider);
					}
					return { input, lookup: { keys: lookupKeysOf(input.intent) } };
				},
				run: async (input, itemIndex) => {
					const outcome = await runIntent(directory, itemScope(ctx, itemIndex, name), input.intent);
					outcome.result = {
						...outcome.result,
						...(input.event ? { eventId: input.event.id, eventType: input.event.type } : {}),
						...(input.report ? { mapping: input.report } : {}),
					};
					return outcome;
				},
			};
		},
	);
}
