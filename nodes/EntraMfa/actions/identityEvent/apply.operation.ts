import { applyOperation } from '../../../shared/mfa/n8n/operations/apply';
import { ENTRA_NODE } from '../entraNode';

export const { description, destructive, execute } = applyOperation(ENTRA_NODE);
