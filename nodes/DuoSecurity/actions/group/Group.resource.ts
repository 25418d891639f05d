import type { INodeProperties } from 'n8n-workflow';

import type { DuoOperation } from '../node.type';
import * as create from './create.operation';
import * as deleteGroup from './deleteGroup.operation';
import * as getAll from './getAll.operation';
import * as rename from './rename.operation';

export const operations: Record<string, DuoOperation> = {
	create,
	delete: deleteGroup,
	getAll,
	rename,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['group'] } },
		default: 'create',
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a group, unless one with the name exists',
				action: 'Create a group',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a group',
				action: 'Delete a group',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Retrieve many groups',
				action: 'Get many groups',
			},
			{
				name: 'Rename',
				value: 'rename',
				description: 'Change the name of a group',
				action: 'Rename a group',
			},
		],
	},
	...create.description,
	...deleteGroup.description,
	...getAll.description,
	...rename.description,
];
