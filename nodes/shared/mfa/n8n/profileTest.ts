import type { ICredentialTestFunctions, ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';

import { ProfileError } from '../../mapping';
import type { MfaCapabilities } from '../port';
import { compileProviderProfile } from '../profiles';

/**
 * A credential test for the IdP Sync Profile API credential, without any request: the profile must
 * be a valid document for the provider. A failed test lists every problem as `path: problem`.
 */
export function syncProfileTestFor(capabilities: MfaCapabilities) {
	return async function syncProfileTest(
		this: ICredentialTestFunctions,
		credential: ICredentialsDecrypted,
	): Promise<INodeCredentialTestResult> {
		try {
			compileProviderProfile(credential.data?.profile, capabilities);
		} catch (error) {
			const message =
				error instanceof ProfileError
					? error.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')
					: (error as Error).message;
			return { status: 'Error', message: `The profile is not valid: ${message}` };
		}
		return { status: 'OK', message: `The profile is valid for ${capabilities.provider}` };
	};
}
