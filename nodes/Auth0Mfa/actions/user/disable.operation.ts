import { disableOperation } from '../../../shared/mfa/n8n/operations/userLifecycle';
import { AUTH0_NODE } from '../auth0Node';

export const { description, destructive, execute } = disableOperation(AUTH0_NODE);
