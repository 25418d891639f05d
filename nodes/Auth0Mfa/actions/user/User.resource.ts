import { userResource } from '../../../shared/mfa/n8n/resources';
import * as deleteUser from './deleteUser.operation';
import * as disable from './disable.operation';
import * as enable from './enable.operation';
import * as get from './get.operation';
import * as resetEnrollment from './resetEnrollment.operation';
import * as syncGroups from './syncGroups.operation';
import * as upsert from './upsert.operation';

export const { operations, description } = userResource(
	'Auth0',
	{ upsert, delete: deleteUser, disable, enable, get, resetEnrollment, syncGroups },
	{
		disable: 'Block a user',
		enable: 'Unblock a blocked user',
		reset: 'Remove all MFA authenticators and methods of a user but the password, keeping the user and its roles',
		groups: 'roles (the groups of this node)',
	},
);
