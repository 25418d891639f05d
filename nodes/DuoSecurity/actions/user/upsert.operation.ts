import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { CompiledDocument } from '../../../shared/mapping';
import type { IdentityEvent, IdentityUser } from '../../../shared/model';
import type { AliasSlot } from '../../client/duoObjects';
import {
	desiredFromRendered,
	mappingReport,
	outOfScope,
	profileForEvent,
} from '../../sync/profileMapping';
import { syncUser } from '../../sync/syncUser';
import {
	createStatusFor,
	profileFromIdentity,
	type DesiredProfile,
	type IdentityMapping,
} from '../../sync/userProfile';
import { defineItemOperation } from '../common/defineOperation';
import { readIdentityEvent } from '../common/eventInput';
import { mappingFields } from '../common/mappingFields';
import {
	aliasSlotOption,
	dryRunOption,
	itemScope,
	optionsCollection,
	readIdentityMapping,
	readOptions,
	usernameSourceFields,
} from '../common/options';
import { loadItemProfiles } from '../common/profileInput';

const fromFields = { show: { input: ['fields'] } };
const fromEvent = { show: { input: ['event'] } };

const properties: INodeProperties[] = [
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
		description: 'The Duo username. An existing user with this username or alias is updated.',
		displayOptions: fromFields,
	},
	{
		displayName: 'IdP User ID',
		name: 'idpUserId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 00u1abcd2345EfGHIjk6',
		description:
			"The identity provider's immutable user ID. It is kept in a Duo alias and looked up first, so a renamed user is updated instead of duplicated.",
		displayOptions: fromFields,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: fromFields,
		options: [
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'e.g. nathan@example.com',
				default: '',
			},
			{ displayName: 'First Name', name: 'firstname', type: 'string', default: '' },
			{ displayName: 'Last Name', name: 'lastname', type: 'string', default: '' },
			{ displayName: 'Notes', name: 'notes', type: 'string', default: '' },
			{ displayName: 'Real Name', name: 'realname', type: 'string', default: '' },
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'active',
				options: [
					{ name: 'Active', value: 'active', description: 'The user must complete MFA' },
					{ name: 'Bypass', value: 'bypass', description: 'The user skips MFA' },
					{ name: 'Disabled', value: 'disabled', description: 'The user cannot sign in' },
				],
			},
		],
	},
	...[...mappingFields, ...usernameSourceFields].map((field) => ({
		...field,
		displayOptions: { show: { ...fromEvent.show, ...(field.displayOptions?.show ?? {}) } },
	})),
	optionsCollection([aliasSlotOption, dryRunOption]),
];

interface UpsertInput {
	desired: DesiredProfile;
	createStatus?: string;
	event?: { id: string; type: string };
	/** Why the mapping profile leaves the user out. */
	skip?: string;
	/** The `mapping` part of the output, when a profile applies. */
	report?: IDataObject;
}

function fromEventInput(
	event: IdentityEvent & { user: IdentityUser },
	mapping: IdentityMapping,
	document: CompiledDocument | undefined,
): UpsertInput {
	const base = {
		createStatus: createStatusFor(event.user),
		event: { id: event.id, type: event.type },
	};
	if (!document) return { ...base, desired: profileFromIdentity(event.user, mapping) };
	const mapped = profileForEvent(document, event);
	const report = mappingReport(mapped);
	const skip = outOfScope(mapped, event.source.tenant);
	if (skip !== undefined || !mapped.rendered) return { ...base, desired: {}, skip, report };
	return { ...base, desired: desiredFromRendered(event.user, mapped.rendered, mapping), report };
}

function fromFieldsInput(ctx: IExecuteFunctions, itemIndex: number): UpsertInput {
	const username = (ctx.getNodeParameter('username', itemIndex, '') as string).trim();
	if (!username) {
		throw new NodeOperationError(ctx.getNode(), 'Set the "Username" field', { itemIndex });
	}
	const idpUserId = (ctx.getNodeParameter('idpUserId', itemIndex, '') as string).trim();
	const fields = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const slot = (readOptions(ctx, itemIndex).aliasSlot ?? 'alias1') as AliasSlot | 'none';
	const desired: DesiredProfile = { username };
	for (const key of ['realname', 'firstname', 'lastname', 'email', 'notes', 'status'] as const) {
		if (fields[key] !== undefined) desired[key] = String(fields[key]);
	}
	if (idpUserId && slot !== 'none') desired.alias = { slot, value: idpUserId };
	return { desired };
}

export const { description, execute } = defineItemOperation<UpsertInput>(
	{ resource: 'user', operation: 'upsert' },
	properties,
	async ({ ctx, directory, items }) => {
		const documents = await loadItemProfiles(ctx, items);
		return {
			prepare: (itemIndex) => {
				let input: UpsertInput;
				if (ctx.getNodeParameter('input', itemIndex) === 'event') {
					const event = readIdentityEvent(ctx, items, itemIndex);
					if (!('user' in event)) {
						throw new NodeOperationError(
							ctx.getNode(),
							`A ${event.type} event has no user to sync`,
							{
								itemIndex,
							},
						);
					}
					input = fromEventInput(event, readIdentityMapping(ctx, itemIndex), documents[itemIndex]);
				} else {
					input = fromFieldsInput(ctx, itemIndex);
				}
				const keys = [input.desired.alias?.value, input.desired.username].filter(
					(k): k is string => !!k,
				);
				return { input, lookup: { keys } };
			},
			run: async (input, itemIndex) => {
				const result: IDataObject =
					input.skip === undefined
						? await syncUser(directory, itemScope(ctx, itemIndex), input.desired, {
								createStatus: input.createStatus,
							})
						: { action: 'skipped', reason: input.skip };
				if (input.report) result.mapping = input.report;
				return input.event
					? { ...result, eventId: input.event.id, eventType: input.event.type }
					: result;
			},
		};
	},
);
