import { resetEnrollmentOperation } from '../../../shared/mfa/n8n/operations/userLifecycle';
import { RSA_NODE } from '../rsaNode';

export const { description, destructive, execute } = resetEnrollmentOperation(
	RSA_NODE,
	'authenticators (RSA Authenticator apps, FIDO and browser authenticators, one request each) and SecurID 700 hardware tokens (unassigned, the token record kept)',
);
