import { userResource } from '../../../shared/mfa/n8n/resources';
import * as deleteUser from './deleteUser.operation';
import * as disable from './disable.operation';
import * as enable from './enable.operation';
import * as get from './get.operation';
import * as resetEnrollment from './resetEnrollment.operation';
import * as syncGroups from './syncGroups.operation';
import * as upsert from './upsert.operation';

export const { operations, description } = userResource(
	'Entra ID',
	{ upsert, delete: deleteUser, disable, enable, get, resetEnrollment, syncGroups },
	{
		disable: 'Block sign-in (accountEnabled false) and revoke the sign-in sessions of a user',
		enable: 'Allow a blocked user to sign in again',
		reset: 'Remove all authentication methods of a user but the password, keeping the user and its groups',
		groups: 'groups',
	},
);
