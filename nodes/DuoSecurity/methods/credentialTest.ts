import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { ProfileError } from '../../shared/mapping';
import { compileProviderProfile } from '../../shared/mfa/profiles';
import { DUO_CAPABILITIES } from '../client/capabilities';

/**
 * Tests an IdP Sync Profile API credential without any request: the profile must be a valid
 * document for Duo. A failed test lists every problem as `path: problem`.
 */
export async function syncProfileTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	try {
		compileProviderProfile(credential.data?.profile, DUO_CAPABILITIES);
	} catch (error) {
		const message =
			error instanceof ProfileError
				? error.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')
				: (error as Error).message;
		return { status: 'Error', message: `The profile is not valid: ${message}` };
	}
	return { status: 'OK', message: 'The profile is valid' };
}
