import { deleteUserOperation } from '../../../shared/mfa/n8n/operations/userLifecycle';
import { AUTH0_NODE } from '../auth0Node';

export const { description, destructive, execute } = deleteUserOperation(
	AUTH0_NODE,
	'Auth0 deletes the user at once; it cannot be restored.',
);
