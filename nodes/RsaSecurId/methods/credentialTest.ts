import { syncProfileTestFor } from '../../shared/mfa/n8n/profileCredentialTest';
import { RSA_CAPABILITIES } from '../client/capabilities';

/** Tests an IdP Sync Profile API credential without any request: the profile must be valid for RSA SecurID. */
export const syncProfileTest = syncProfileTestFor(RSA_CAPABILITIES);
