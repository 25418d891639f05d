import { userEntries } from '../../../shared/mfa/n8n/entries';
import { operationMap, resourceDescription } from '../../../shared/mfa/n8n/resource';
import { AUTH0_NODE } from '../auth0Node';
import * as deleteUser from './deleteUser.operation';
import * as disable from './disable.operation';
import * as enable from './enable.operation';
import * as get from './get.operation';
import * as resetEnrollment from './resetEnrollment.operation';
import * as syncGroups from './syncGroups.operation';
import * as upsert from './upsert.operation';

const entries = userEntries(
	AUTH0_NODE,
	{ upsert, delete: deleteUser, disable, enable, get, resetEnrollment, syncGroups },
	'all MFA authenticators and methods but the password',
	{
		disable: 'Block a user',
		enable: 'Unblock a blocked user',
		groups: 'roles (the groups of this node)',
	},
);

export const operations = operationMap(entries);

export const description = resourceDescription('user', 'upsert', entries);
