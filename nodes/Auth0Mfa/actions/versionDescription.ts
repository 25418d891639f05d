import type { INodeProperties } from 'n8n-workflow';

import { resourceSelector } from '../../shared/mfa/n8n/resource';
import * as directory from './directory/Directory.resource';
import * as group from './group/Group.resource';
import * as identityEvent from './identityEvent/IdentityEvent.resource';
import { auth0SettingsProperties } from './auth0Settings';
import * as user from './user/User.resource';

/** The node's parameters: the Resource selector, then each resource's operations and fields, then the node's settings. */
export const versionProperties: INodeProperties[] = [
	resourceSelector([
		{ name: 'Directory', value: 'directory' },
		{ name: 'Group', value: 'group' },
		{ name: 'Identity Event', value: 'identityEvent' },
		{ name: 'User', value: 'user' },
	]),
	...identityEvent.description,
	...user.description,
	...group.description,
	...directory.description,
	...auth0SettingsProperties,
];

export const RESOURCES = {
	user: user.operations,
	group: group.operations,
	identityEvent: identityEvent.operations,
	directory: directory.operations,
};
