import { resetEnrollmentOperation } from '../../../shared/mfa/n8n/operations/userLifecycle';
import { DUO_NODE } from '../duoNode';

export const { description, destructive, execute } = resetEnrollmentOperation(
	DUO_NODE,
	'phones, hardware tokens, WebAuthn and U2F credentials and bypass codes',
);
