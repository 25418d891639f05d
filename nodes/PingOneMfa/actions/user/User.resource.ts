import { operationMap, resourceDescription, type OperationEntry } from '../../../shared/mfa/n8n/resource';
import * as deleteUser from './deleteUser.operation';
import * as disable from './disable.operation';
import * as enable from './enable.operation';
import * as get from './get.operation';
import * as resetEnrollment from './resetEnrollment.operation';
import * as syncGroups from './syncGroups.operation';
import * as upsert from './upsert.operation';

const entries: OperationEntry[] = [
	{
		name: 'Create or Update',
		value: 'upsert',
		description: 'Create a new record, or update the current one if it already exists (upsert)',
		action: 'Create or update a user',
		operation: upsert,
	},
	{ name: 'Delete', value: 'delete', description: 'Delete a user', action: 'Delete a user', operation: deleteUser },
	{
		name: 'Disable',
		value: 'disable',
		description: 'Disable a user, so it cannot sign on',
		action: 'Disable a user',
		operation: disable,
	},
	{
		name: 'Enable',
		value: 'enable',
		description: 'Enable a disabled user again',
		action: 'Enable a user',
		operation: enable,
	},
	{ name: 'Get', value: 'get', description: 'Retrieve a user', action: 'Get a user', operation: get },
	{
		name: 'Reset Enrollment',
		value: 'resetEnrollment',
		description: 'Remove every MFA device of a user, keeping the user and its groups',
		action: 'Reset enrollment of a user',
		operation: resetEnrollment,
	},
	{
		name: 'Sync Groups',
		value: 'syncGroups',
		description: 'Add, remove or set the PingOne groups of a user',
		action: 'Sync groups of a user',
		operation: syncGroups,
	},
];

export const operations = operationMap(entries);

export const description = resourceDescription('user', 'upsert', entries);
