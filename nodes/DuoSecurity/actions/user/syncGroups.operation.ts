import { syncGroupsOperation } from '../../../shared/mfa/n8n/operations/syncGroups';
import { DUO_NODE } from '../duoNode';

export const { description, destructive, execute } = syncGroupsOperation(DUO_NODE);
