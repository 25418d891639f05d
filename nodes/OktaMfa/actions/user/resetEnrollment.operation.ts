import { resetEnrollmentOperation } from '../../../shared/mfa/n8n/operations/userLifecycle';
import { OKTA_NODE } from '../oktaNode';

export const { description, destructive, execute } = resetEnrollmentOperation(
	OKTA_NODE,
	'Okta MFA factors (or Identity Engine authenticator enrollments, see Reset By)',
);
