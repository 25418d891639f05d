import { syncGroupsOperation } from '../../../shared/mfa/n8n/operations/syncGroups';
import { ENTRA_NODE } from '../entraNode';

export const { description, destructive, execute } = syncGroupsOperation(ENTRA_NODE);
