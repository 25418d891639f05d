import type { MfaNodeProvider, MfaOperation } from './provider';
import type { OperationEntry } from './resource';

/** The Operation selector entries of the Identity Event resource. */
export function identityEventEntries(
	provider: MfaNodeProvider,
	operations: { apply: MfaOperation; previewMapping: MfaOperation },
): OperationEntry[] {
	const name = provider.capabilities.provider;
	const fields = provider.capabilities.profileFields.length > 0 ? `${name} fields, ` : '';
	return [
		{
			name: 'Apply',
			value: 'apply',
			description: `Do in ${name} what an identity event from the IdP Event Trigger means`,
			action: 'Apply an identity event',
			operation: operations.apply,
		},
		{
			name: 'Preview Mapping',
			value: 'previewMapping',
			description: `Render a mapping profile against an identity event: username, ${fields}groups and rule verdict, without calling ${name}`,
			action: 'Preview the mapping of an identity event',
			operation: operations.previewMapping,
		},
	];
}

export interface UserOperations {
	upsert?: MfaOperation;
	delete: MfaOperation;
	disable: MfaOperation;
	enable: MfaOperation;
	get: MfaOperation;
	resetEnrollment: MfaOperation;
	syncGroups?: MfaOperation;
}

/** What a provider's Disable and Enable do, and what it calls the groups Sync Groups sets. */
export interface UserEntryWording {
	disable?: string;
	enable?: string;
	groups?: string;
}

/**
 * The Operation selector entries of the User resource, for the operations the provider offers:
 * `removes` says what Reset Enrollment takes away, `wording` how the provider differs from Duo.
 */
export function userEntries(
	provider: MfaNodeProvider,
	operations: UserOperations,
	removes: string,
	wording: UserEntryWording = {},
): OperationEntry[] {
	const name = provider.capabilities.provider;
	const entries: Array<OperationEntry | false> = [
		!!operations.upsert && {
			name: 'Create or Update',
			value: 'upsert',
			description: 'Create a new record, or update the current one if it already exists (upsert)',
			action: 'Create or update a user',
			operation: operations.upsert,
		},
		{ name: 'Delete', value: 'delete', description: 'Delete a user', action: 'Delete a user', operation: operations.delete },
		{
			name: 'Disable',
			value: 'disable',
			description: wording.disable ?? 'Set the status of a user to disabled',
			action: 'Disable a user',
			operation: operations.disable,
		},
		{
			name: 'Enable',
			value: 'enable',
			description: wording.enable ?? 'Set the status of a disabled user back to active',
			action: 'Enable a user',
			operation: operations.enable,
		},
		{ name: 'Get', value: 'get', description: 'Retrieve a user', action: 'Get a user', operation: operations.get },
		{
			name: 'Reset Enrollment',
			value: 'resetEnrollment',
			description: `Remove ${removes} of a user, keeping the user`,
			action: 'Reset enrollment of a user',
			operation: operations.resetEnrollment,
		},
		!!operations.syncGroups && {
			name: 'Sync Groups',
			value: 'syncGroups',
			description: `Add, remove or set the ${name} ${wording.groups ?? 'groups'} of a user`,
			action: 'Sync groups of a user',
			operation: operations.syncGroups,
		},
	];
	return entries.filter((entry): entry is OperationEntry => entry !== false);
}

/** The Operation selector entries of the Group resource. */
export function groupEntries(operations: {
	create: MfaOperation;
	delete: MfaOperation;
	getAll: MfaOperation;
	rename: MfaOperation;
}): OperationEntry[] {
	return [
		{
			name: 'Create',
			value: 'create',
			description: 'Create a group, unless one with the name exists',
			action: 'Create a group',
			operation: operations.create,
		},
		{ name: 'Delete', value: 'delete', description: 'Delete a group', action: 'Delete a group', operation: operations.delete },
		{ name: 'Get Many', value: 'getAll', description: 'Retrieve many groups', action: 'Get many groups', operation: operations.getAll },
		{ name: 'Rename', value: 'rename', description: 'Change the name of a group', action: 'Rename a group', operation: operations.rename },
	];
}
