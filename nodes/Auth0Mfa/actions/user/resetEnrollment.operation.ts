import { resetEnrollmentOperation } from '../../../shared/mfa/n8n/operations/userLifecycle';
import { AUTH0_NODE } from '../auth0Node';

export const { description, destructive, execute } = resetEnrollmentOperation(
	AUTH0_NODE,
	'MFA authenticators and authentication methods (OTP, push, SMS, voice, email, recovery codes, WebAuthn keys, passkeys), all but the password',
);
