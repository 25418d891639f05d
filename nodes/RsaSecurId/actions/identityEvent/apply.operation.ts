import { applyOperation } from '../../../shared/mfa/n8n/operations/apply';
import { RSA_NODE } from '../rsaNode';

export const { description, destructive, execute } = applyOperation(RSA_NODE);
