import type { INodeProperties } from 'n8n-workflow';

import type { DuoOperation } from '../node.type';
import * as apply from './apply.operation';
import * as previewMapping from './previewMapping.operation';

export const operations: Record<string, DuoOperation> = { apply, previewMapping };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['identityEvent'] } },
		default: 'apply',
		options: [
			{
				name: 'Apply',
				value: 'apply',
				description: 'Do in Duo what an identity event from the IdP Event Trigger means',
				action: 'Apply an identity event',
			},
			{
				name: 'Preview Mapping',
				value: 'previewMapping',
				description:
					'Render a mapping profile against an identity event: username, Duo fields, groups and rule verdict, without calling Duo',
				action: 'Preview the mapping of an identity event',
			},
		],
	},
	...apply.description,
	...previewMapping.description,
];
