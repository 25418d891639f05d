import { syncGroupsOperation } from '../../../shared/mfa/n8n/operations/syncGroups';
import { AUTH0_NODE } from '../auth0Node';

export const { description, destructive, execute } = syncGroupsOperation(AUTH0_NODE);
