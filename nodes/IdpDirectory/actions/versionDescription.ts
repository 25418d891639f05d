import type { INodeProperties } from 'n8n-workflow';

import * as group from './group/Group.resource';
import { permissionNotices, providerProperty } from './provider';
import * as user from './user/User.resource';

export const versionProperties: INodeProperties[] = [
	providerProperty,
	...permissionNotices,
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		default: 'user',
		options: [
			{ name: 'Group', value: 'group' },
			{ name: 'User', value: 'user' },
		],
	},
	...user.description,
	...group.description,
];
