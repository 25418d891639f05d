import { syncGroupsOperation } from '../../../shared/mfa/n8n/operations/syncGroups';
import { OKTA_NODE } from '../oktaNode';

export const { description, destructive, execute } = syncGroupsOperation(OKTA_NODE);
