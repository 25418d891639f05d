import { syncGroupsOperation } from '../../../shared/mfa/n8n/operations/syncGroups';
import { PINGONE_NODE } from '../pingOneNode';

export const { description, destructive, execute } = syncGroupsOperation(PINGONE_NODE);
