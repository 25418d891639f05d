import type { INodeProperties } from 'n8n-workflow';

import type { DuoOperation } from '../node.type';
import * as deleteUser from './deleteUser.operation';
import * as disable from './disable.operation';
import * as enable from './enable.operation';
import * as get from './get.operation';
import * as resetEnrollment from './resetEnrollment.operation';
import * as syncGroups from './syncGroups.operation';
import * as upsert from './upsert.operation';

export const operations: Record<string, DuoOperation> = {
	upsert,
	delete: deleteUser,
	disable,
	enable,
	get,
	resetEnrollment,
	syncGroups,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		default: 'upsert',
		options: [
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update a user',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a user',
				action: 'Delete a user',
			},
			{
				name: 'Disable',
				value: 'disable',
				description: 'Set the status of a user to disabled',
				action: 'Disable a user',
			},
			{
				name: 'Enable',
				value: 'enable',
				description: 'Set the status of a disabled user back to active',
				action: 'Enable a user',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Retrieve a user',
				action: 'Get a user',
			},
			{
				name: 'Reset Enrollment',
				value: 'resetEnrollment',
				description:
					'Remove all MFA devices and bypass codes of a user, keeping the user and its groups',
				action: 'Reset enrollment of a user',
			},
			{
				name: 'Sync Groups',
				value: 'syncGroups',
				description: 'Set, add or remove the Duo groups of a user',
				action: 'Sync groups of a user',
			},
		],
	},
	...upsert.description,
	...deleteUser.description,
	...disable.description,
	...enable.description,
	...get.description,
	...resetEnrollment.description,
	...syncGroups.description,
];
