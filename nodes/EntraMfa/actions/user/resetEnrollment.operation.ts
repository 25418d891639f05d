import { resetEnrollmentOperation } from '../../../shared/mfa/n8n/operations/userLifecycle';
import { ENTRA_NODE } from '../entraNode';

export const { description, destructive, execute } = resetEnrollmentOperation(
	ENTRA_NODE,
	'authentication methods (phones, Microsoft Authenticator, OATH tokens, FIDO2 keys, Windows Hello, email, temporary access passes), all but the password',
);
