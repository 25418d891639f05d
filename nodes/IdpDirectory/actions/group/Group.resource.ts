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
		displayOptions: { show: { resource: ['group'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					'Read every group (every role in Auth0): ID, name, description, and the member count where Okta reports it',
				action: 'Get many groups',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
