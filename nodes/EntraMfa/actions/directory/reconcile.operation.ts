import { reconcileOperation } from '../../../shared/mfa/n8n/operations/reconcile';
import { ENTRA_NODE } from '../entraNode';

export const { description, destructive, execute } = reconcileOperation(ENTRA_NODE);
