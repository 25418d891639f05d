import { deleteUserOperation } from '../../../shared/mfa/n8n/operations/userLifecycle';
import { OKTA_NODE } from '../oktaNode';

export const { description, destructive, execute } = deleteUserOperation(
	OKTA_NODE,
	'A user that is not deactivated yet is deactivated first, then deleted: Okta keeps nothing to restore.',
);
