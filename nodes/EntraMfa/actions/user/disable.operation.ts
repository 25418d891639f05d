import { disableOperation } from '../../../shared/mfa/n8n/operations/userLifecycle';
import { ENTRA_NODE } from '../entraNode';

export const { description, destructive, execute } = disableOperation(ENTRA_NODE);
