import { reconcileOperation } from '../../../shared/mfa/n8n/operations/reconcile';
import { RSA_NODE } from '../rsaNode';

export const { description, destructive, execute } = reconcileOperation(RSA_NODE);
