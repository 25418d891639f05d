import { getUserOperation, neutralOrRaw } from '../../../shared/mfa/n8n/operations/getUser';
import type { OktaMfaDirectory } from '../../client/OktaMfaDirectory';
import { OKTA_NODE } from '../oktaNode';

export const { description, destructive, execute } = getUserOperation(
	OKTA_NODE,
	neutralOrRaw(async (directory, user) => await (directory as OktaMfaDirectory).rawUser(user)),
);
