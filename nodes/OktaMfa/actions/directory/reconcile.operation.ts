import { reconcileOperation } from '../../../shared/mfa/n8n/operations/reconcile';
import { OKTA_NODE } from '../oktaNode';

export const { description, destructive, execute } = reconcileOperation(OKTA_NODE);
