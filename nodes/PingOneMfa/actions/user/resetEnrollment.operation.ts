import { resetEnrollmentOperation } from '../../../shared/mfa/n8n/operations/userLifecycle';
import { PINGONE_NODE } from '../pingOneNode';

export const { description, destructive, execute } = resetEnrollmentOperation(
	PINGONE_NODE,
	'MFA devices (authenticator apps, SMS, voice, email, TOTP and FIDO devices), one request each',
);
