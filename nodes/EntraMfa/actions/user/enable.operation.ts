import { enableOperation } from '../../../shared/mfa/n8n/operations/userLifecycle';
import { ENTRA_NODE } from '../entraNode';

export const { description, destructive, execute } = enableOperation(ENTRA_NODE);
