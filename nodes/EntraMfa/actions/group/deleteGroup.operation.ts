import { deleteGroupOperation } from '../../../shared/mfa/n8n/operations/groups';
import { ENTRA_NODE } from '../entraNode';

export const { description, destructive, execute } = deleteGroupOperation(ENTRA_NODE);
