import { userResource } from '../../../shared/mfa/n8n/resources';
import * as deleteUser from './deleteUser.operation';
import * as disable from './disable.operation';
import * as enable from './enable.operation';
import * as get from './get.operation';
import * as resetEnrollment from './resetEnrollment.operation';
import * as syncGroups from './syncGroups.operation';
import * as upsert from './upsert.operation';

export const { operations, description } = userResource(
	'Okta',
	{ upsert, delete: deleteUser, disable, enable, get, resetEnrollment, syncGroups },
	{
		disable: 'Suspend a user (or deactivate it, see Disable By)',
		enable: 'Unsuspend or activate a disabled user',
		reset: 'Remove all Okta MFA factors of a user, keeping the user and its groups',
		groups: 'groups',
	},
);
