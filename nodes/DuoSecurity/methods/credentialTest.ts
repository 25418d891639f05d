import { syncProfileTestFor } from '../../shared/mfa/n8n/profileCredentialTest';
import { DUO_CAPABILITIES } from '../client/capabilities';

/** Tests an IdP Sync Profile API credential without any request: the profile must be valid for Duo. */
export const syncProfileTest = syncProfileTestFor(DUO_CAPABILITIES);
