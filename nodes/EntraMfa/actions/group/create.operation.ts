import { createGroupOperation } from '../../../shared/mfa/n8n/operations/groups';
import { ENTRA_NODE } from '../entraNode';

export const { description, destructive, execute } = createGroupOperation(ENTRA_NODE);
