import type { INodeProperties } from 'n8n-workflow';

import { resourceSelector } from '../../shared/mfa/n8n/resource';
import * as directory from './directory/Directory.resource';
import * as identityEvent from './identityEvent/IdentityEvent.resource';
import { rsaLimitsNotice } from './rsaNode';
import * as user from './user/User.resource';

/** The node's parameters: the Resource selector, what RSA does not allow, then each resource's operations and fields. */
export const versionProperties: INodeProperties[] = [
	resourceSelector([
		{ name: 'Directory', value: 'directory' },
		{ name: 'Identity Event', value: 'identityEvent' },
		{ name: 'User', value: 'user' },
	]),
	{ ...rsaLimitsNotice, displayOptions: { show: { resource: ['user', 'directory'] } } },
	...identityEvent.description,
	...user.description,
	...directory.description,
];
