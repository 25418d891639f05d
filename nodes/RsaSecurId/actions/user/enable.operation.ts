import { enableOperation } from '../../../shared/mfa/n8n/operations/userLifecycle';
import { RSA_NODE } from '../rsaNode';

export const { description, destructive, execute } = enableOperation(RSA_NODE);
