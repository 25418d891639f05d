import { getManyGroupsOperation } from '../../../shared/mfa/n8n/operations/groups';
import { OKTA_NODE } from '../oktaNode';

export const { description, destructive, execute } = getManyGroupsOperation(OKTA_NODE);
