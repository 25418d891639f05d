import { syncProfileTestFor } from '../../shared/mfa/n8n/profileCredentialTest';
import { OKTA_CAPABILITIES } from '../client/capabilities';

export * as listSearch from './listSearch';

export const credentialTest = { syncProfileTest: syncProfileTestFor(OKTA_CAPABILITIES) };
