import { renameGroupOperation } from '../../../shared/mfa/n8n/operations/groups';
import { ENTRA_NODE } from '../entraNode';

export const { description, destructive, execute } = renameGroupOperation(ENTRA_NODE);
