import { syncProfileTestFor } from '../../shared/mfa/n8n/profileCredentialTest';
import { PINGONE_CAPABILITIES } from '../client/capabilities';

/** Tests an IdP Sync Profile API credential without any request: the profile must be valid for PingOne. */
export const syncProfileTest = syncProfileTestFor(PINGONE_CAPABILITIES);
