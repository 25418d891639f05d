import { getManyGroupsOperation } from '../../../shared/mfa/n8n/operations/groups';
import { AUTH0_NODE } from '../auth0Node';

export const { description, destructive, execute } = getManyGroupsOperation(AUTH0_NODE);
