import { reconcileOperation } from '../../../shared/mfa/n8n/operations/reconcile';
import { PINGONE_NODE } from '../pingOneNode';

export const { description, destructive, execute } = reconcileOperation(PINGONE_NODE);
