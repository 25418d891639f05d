import { applyOperation } from '../../../shared/mfa/n8n/operations/apply';
import { DUO_NODE } from '../duoNode';

export const { description, destructive, execute } = applyOperation(DUO_NODE);
