import { getUserOperation, neutralOrRaw } from '../../../shared/mfa/n8n/operations/getUser';
import type { Auth0MfaDirectory } from '../../client/Auth0MfaDirectory';
import { AUTH0_NODE } from '../auth0Node';

export const { description, destructive, execute } = getUserOperation(
	AUTH0_NODE,
	neutralOrRaw(async (directory, user) => await (directory as Auth0MfaDirectory).rawUser(user)),
);
