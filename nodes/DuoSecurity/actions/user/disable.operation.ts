import { disableOperation } from '../../../shared/mfa/n8n/operations/userLifecycle';
import { DUO_NODE } from '../duoNode';

export const { description, destructive, execute } = disableOperation(DUO_NODE);
