import { reconcileOperation } from '../../../shared/mfa/n8n/operations/reconcile';
import { AUTH0_NODE } from '../auth0Node';

export const { description, destructive, execute } = reconcileOperation(AUTH0_NODE);
