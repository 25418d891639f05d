import { enableOperation } from '../../../shared/mfa/n8n/operations/userLifecycle';
import { OKTA_NODE } from '../oktaNode';

export const { description, destructive, execute } = enableOperation(OKTA_NODE);
