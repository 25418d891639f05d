import { deleteUserOperation } from '../../../shared/mfa/n8n/operations/userLifecycle';
import { RSA_NODE } from '../rsaNode';

export const { description, destructive, execute } = deleteUserOperation(
	RSA_NODE,
	'The user is deleted at once with its authenticators (an enabled user is disabled first). This needs an API key with the Super Admin role; users of SCIM-managed identity sources cannot be deleted through the API.',
);
