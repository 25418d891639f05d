import { deleteUserOperation } from '../../../shared/mfa/n8n/operations/userLifecycle';
import { ENTRA_NODE } from '../entraNode';

export const { description, destructive, execute } = deleteUserOperation(
	ENTRA_NODE,
	'Entra ID moves the user to Deleted users, where it can be restored for 30 days.',
);
