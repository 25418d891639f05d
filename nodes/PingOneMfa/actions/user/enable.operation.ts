import { enableOperation } from '../../../shared/mfa/n8n/operations/userLifecycle';
import { PINGONE_NODE } from '../pingOneNode';

export const { description, destructive, execute } = enableOperation(PINGONE_NODE);
