import type { INodeProperties } from 'n8n-workflow';

import { resourceProperties } from '../../shared/mfa/n8n/resources';
import { auth0SettingsProperties } from './auth0Settings';
import * as directory from './directory/Directory.resource';
import * as group from './group/Group.resource';
import * as identityEvent from './identityEvent/IdentityEvent.resource';
import * as user from './user/User.resource';

/** The node's parameters: the Resource selector, each resource's operations and fields, then Auth0's settings. */
export const versionProperties: INodeProperties[] = [
	...resourceProperties({ user, group, identityEvent, directory }),
	...auth0SettingsProperties,
];

export const RESOURCES = {
	user: user.operations,
	group: group.operations,
	identityEvent: identityEvent.operations,
	directory: directory.operations,
};
