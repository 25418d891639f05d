import { applyOperation } from '../../../shared/mfa/n8n/operations/apply';
import { AUTH0_NODE } from '../auth0Node';

export const { description, destructive, execute } = applyOperation(AUTH0_NODE);
