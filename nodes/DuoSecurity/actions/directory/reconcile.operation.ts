import { reconcileOperation } from '../../../shared/mfa/n8n/operations/reconcile';
import { DUO_NODE } from '../duoNode';

export const { description, destructive, execute } = reconcileOperation(DUO_NODE);
