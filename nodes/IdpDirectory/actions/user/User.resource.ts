import type { INodeProperties } from 'n8n-workflow';

import type { DirectoryOperation } from '../node.type';
import * as getAll from './getAll.operation';

export const operations: Record<string, DirectoryOperation> = { getAll: getAll.operation };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					'Read every user with their groups, one item each, as the complete directory Reconcile expects',
				action: 'Get many users',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
