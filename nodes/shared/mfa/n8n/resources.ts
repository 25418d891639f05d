import type { MfaOperation } from './provider';
import { operationMap, resourceDescription, type OperationEntry } from './resource';

/**
 * The resources of an MFA provider node built from the shared operations, with the same names,
 * values and actions on every provider; only the provider's name and what it removes differ.
 */

export interface BuiltResource {
	operations: Record<string, MfaOperation>;
	description: ReturnType<typeof resourceDescription>;
}

function built(resource: string, defaultOperation: string, entries: OperationEntry[]): BuiltResource {
	return { operations: operationMap(entries), description: resourceDescription(resource, defaultOperation, entries) };
}

export interface UserOperations {
	upsert: MfaOperation;
	delete: MfaOperation;
	disable: MfaOperation;
	enable: MfaOperation;
	get: MfaOperation;
	resetEnrollment: MfaOperation;
	syncGroups: MfaOperation;
}

export function userResource(
	provider: string,
	ops: UserOperations,
	says: { disable: string; enable: string; reset: string; groups: string },
): BuiltResource {
	return built('user', 'upsert', [
		{
			name: 'Create or Update',
			value: 'upsert',
			description: 'Create a new record, or update the current one if it already exists (upsert)',
			action: 'Create or update a user',
			operation: ops.upsert,
		},
		{ name: 'Delete', value: 'delete', description: 'Delete a user', action: 'Delete a user', operation: ops.delete },
		{ name: 'Disable', value: 'disable', description: says.disable, action: 'Disable a user', operation: ops.disable },
		{ name: 'Enable', value: 'enable', description: says.enable, action: 'Enable a user', operation: ops.enable },
		{ name: 'Get', value: 'get', description: 'Retrieve a user', action: 'Get a user', operation: ops.get },
		{
			name: 'Reset Enrollment',
			value: 'resetEnrollment',
			description: says.reset,
			action: 'Reset enrollment of a user',
			operation: ops.resetEnrollment,
		},
		{
			name: 'Sync Groups',
			value: 'syncGroups',
			description: `Add, remove or set the ${provider} ${says.groups} of a user`,
			action: 'Sync groups of a user',
			operation: ops.syncGroups,
		},
	]);
}

export function groupResource(ops: {
	create: MfaOperation;
	delete: MfaOperation;
	getAll: MfaOperation;
	rename: MfaOperation;
}): BuiltResource {
	return built('group', 'create', [
		{
			name: 'Create',
			value: 'create',
			description: 'Create a group, unless one with the name exists',
			action: 'Create a group',
			operation: ops.create,
		},
		{ name: 'Delete', value: 'delete', description: 'Delete a group', action: 'Delete a group', operation: ops.delete },
		{ name: 'Get Many', value: 'getAll', description: 'Retrieve many groups', action: 'Get many groups', operation: ops.getAll },
		{ name: 'Rename', value: 'rename', description: 'Change the name of a group', action: 'Rename a group', operation: ops.rename },
	]);
}

export function identityEventResource(
	provider: string,
	ops: { apply: MfaOperation; previewMapping: MfaOperation },
): BuiltResource {
	return built('identityEvent', 'apply', [
		{
			name: 'Apply',
			value: 'apply',
			description: `Do in ${provider} what an identity event from the IdP Event Trigger means`,
			action: 'Apply an identity event',
			operation: ops.apply,
		},
		{
			name: 'Preview Mapping',
			value: 'previewMapping',
			description: `Render a mapping profile against an identity event: username, ${provider} fields, groups and rule verdict, without calling ${provider}`,
			action: 'Preview the mapping of an identity event',
			operation: ops.previewMapping,
		},
	]);
}

export function directoryResource(provider: string, reconcile: MfaOperation): BuiltResource {
	return built('directory', 'reconcile', [
		{
			name: 'Reconcile',
			value: 'reconcile',
			description: `Bring ${provider} in line with an identity provider's whole directory: backfill, drift repair and orphans, planned before any write`,
			action: `Reconcile ${provider} with a directory`,
			operation: reconcile,
		},
	]);
}

/** The Resource selector and every resource's fields, in the order Duo shows them. */
export function resourceProperties(resources: {
	user: BuiltResource;
	group: BuiltResource;
	identityEvent: BuiltResource;
	directory: BuiltResource;
}) {
	return [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options' as const,
			noDataExpression: true,
			default: 'identityEvent',
			options: [
				{ name: 'Directory', value: 'directory' },
				{ name: 'Group', value: 'group' },
				{ name: 'Identity Event', value: 'identityEvent' },
				{ name: 'User', value: 'user' },
			],
		},
		...resources.identityEvent.description,
		...resources.user.description,
		...resources.group.description,
		...resources.directory.description,
	];
}
