import { renameGroupOperation } from '../../../shared/mfa/n8n/operations/groups';
import { AUTH0_NODE } from '../auth0Node';

export const { description, destructive, execute } = renameGroupOperation(AUTH0_NODE);
