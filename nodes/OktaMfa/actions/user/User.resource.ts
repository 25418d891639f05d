import { userEntries } from '../../../shared/mfa/n8n/entries';
import { operationMap, resourceDescription } from '../../../shared/mfa/n8n/resource';
import { OKTA_NODE } from '../oktaNode';
import * as deleteUser from './deleteUser.operation';
import * as disable from './disable.operation';
import * as enable from './enable.operation';
import * as get from './get.operation';
import * as resetEnrollment from './resetEnrollment.operation';
import * as syncGroups from './syncGroups.operation';
import * as upsert from './upsert.operation';

const entries = userEntries(
	OKTA_NODE,
	{ upsert, delete: deleteUser, disable, enable, get, resetEnrollment, syncGroups },
	'all Okta MFA factors',
	{
		disable: 'Suspend a user (or deactivate it, see Disable By)',
		enable: 'Unsuspend or activate a disabled user',
	},
);

export const operations = operationMap(entries);

export const description = resourceDescription('user', 'upsert', entries);
