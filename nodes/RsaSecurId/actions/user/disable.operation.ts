import { disableOperation } from '../../../shared/mfa/n8n/operations/userLifecycle';
import { RSA_NODE } from '../rsaNode';

export const { description, destructive, execute } = disableOperation(RSA_NODE);
