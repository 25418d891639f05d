import { deleteUserOperation } from '../../../shared/mfa/n8n/operations/userLifecycle';
import { DUO_NODE } from '../duoNode';

export const { description, destructive, execute } = deleteUserOperation(
	DUO_NODE,
	'Users deleted through the Admin API are removed at once, not kept in the Trash.',
);
