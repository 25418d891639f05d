import { getUserOperation, neutralOrRaw } from '../../../shared/mfa/n8n/operations/getUser';
import type { EntraMfaDirectory } from '../../client/EntraMfaDirectory';
import { ENTRA_NODE } from '../entraNode';

export const { description, destructive, execute } = getUserOperation(
	ENTRA_NODE,
	neutralOrRaw(async (directory, user) => await (directory as EntraMfaDirectory).rawUser(user)),
);
