import { operationMap, resourceDescription, type OperationEntry } from '../../../shared/mfa/n8n/resource';
import * as deleteUser from './deleteUser.operation';
import * as disable from './disable.operation';
import * as enable from './enable.operation';
import * as get from './get.operation';
import * as resetEnrollment from './resetEnrollment.operation';

/** No Create or Update (the identity source owns users) and no Sync Groups (no groups for this API key). */
const entries: OperationEntry[] = [
	{ name: 'Delete', value: 'delete', description: 'Delete a user', action: 'Delete a user', operation: deleteUser },
	{
		name: 'Disable',
		value: 'disable',
		description: 'Set the status of a user to disabled',
		action: 'Disable a user',
		operation: disable,
	},
	{
		name: 'Enable',
		value: 'enable',
		description: 'Set the status of a disabled user back to enabled',
		action: 'Enable a user',
		operation: enable,
	},
	{ name: 'Get', value: 'get', description: 'Retrieve a user', action: 'Get a user', operation: get },
	{
		name: 'Reset Enrollment',
		value: 'resetEnrollment',
		description: 'Remove every authenticator of a user, keeping the user',
		action: 'Reset enrollment of a user',
		operation: resetEnrollment,
	},
];

export const operations = operationMap(entries);

export const description = resourceDescription('user', 'get', entries);
