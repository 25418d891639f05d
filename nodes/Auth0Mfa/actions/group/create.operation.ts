import { createGroupOperation } from '../../../shared/mfa/n8n/operations/groups';
import { AUTH0_NODE } from '../auth0Node';

export const { description, destructive, execute } = createGroupOperation(AUTH0_NODE);
