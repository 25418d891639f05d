import { syncProfileTestFor } from '../../shared/mfa/n8n/profileCredentialTest';
import { AUTH0_CAPABILITIES } from '../client/capabilities';

export * as listSearch from './listSearch';

export const credentialTest = { syncProfileTest: syncProfileTestFor(AUTH0_CAPABILITIES) };
