import { userEntries } from '../../../shared/mfa/n8n/entries';
import { operationMap, resourceDescription } from '../../../shared/mfa/n8n/resource';
import { ENTRA_NODE } from '../entraNode';
import * as deleteUser from './deleteUser.operation';
import * as disable from './disable.operation';
import * as enable from './enable.operation';
import * as get from './get.operation';
import * as resetEnrollment from './resetEnrollment.operation';
import * as syncGroups from './syncGroups.operation';
import * as upsert from './upsert.operation';

const entries = userEntries(
	ENTRA_NODE,
	{ upsert, delete: deleteUser, disable, enable, get, resetEnrollment, syncGroups },
	'all authentication methods but the password',
	{
		disable: 'Block sign-in (accountEnabled false) and revoke the sign-in sessions of a user',
		enable: 'Allow a blocked user to sign in again',
	},
);

export const operations = operationMap(entries);

export const description = resourceDescription('user', 'upsert', entries);
