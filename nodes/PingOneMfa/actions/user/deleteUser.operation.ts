import { deleteUserOperation } from '../../../shared/mfa/n8n/operations/userLifecycle';
import { PINGONE_NODE } from '../pingOneNode';

export const { description, destructive, execute } = deleteUserOperation(
	PINGONE_NODE,
	'The user is removed from the environment at once, with its MFA devices and group memberships.',
);
