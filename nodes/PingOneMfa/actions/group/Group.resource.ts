import { operationMap, resourceDescription, type OperationEntry } from '../../../shared/mfa/n8n/resource';
import * as create from './create.operation';
import * as deleteGroup from './deleteGroup.operation';
import * as getAll from './getAll.operation';
import * as rename from './rename.operation';

const entries: OperationEntry[] = [
	{
		name: 'Create',
		value: 'create',
		description: 'Create a group, unless one with the name exists',
		action: 'Create a group',
		operation: create,
	},
	{ name: 'Delete', value: 'delete', description: 'Delete a group', action: 'Delete a group', operation: deleteGroup },
	{ name: 'Get Many', value: 'getAll', description: 'Retrieve many groups', action: 'Get many groups', operation: getAll },
	{ name: 'Rename', value: 'rename', description: 'Change the name of a group', action: 'Rename a group', operation: rename },
];

export const operations = operationMap(entries);

export const description = resourceDescription('group', 'create', entries);
