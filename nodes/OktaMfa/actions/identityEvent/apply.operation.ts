import { applyOperation } from '../../../shared/mfa/n8n/operations/apply';
import { OKTA_NODE } from '../oktaNode';

export const { description, destructive, execute } = applyOperation(OKTA_NODE);
