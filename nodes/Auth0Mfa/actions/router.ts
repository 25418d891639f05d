import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { DEFAULT_RETRY_POLICY } from '../../shared/http/retryPolicy';
import { readGroupCacheMaxAge } from '../../shared/mfa/n8n/groupCache';
import { executionOptions, readDryRun, readRetrySettings } from '../../shared/mfa/n8n/options';
import { isAnchored, routeMfaOperation } from '../../shared/mfa/n8n/router';
import { Auth0MfaDirectory } from '../client/Auth0MfaDirectory';
import { auth0Endpoints, type Auth0MfaCredentialData } from '../transport/endpoint';
import { AUTH0_MFA_CREDENTIAL } from '../transport/request';
import { AUTH0_NODE } from './auth0Node';
import { readAuth0Settings } from './auth0Settings';
import { RESOURCES } from './versionDescription';

/** Builds the execution's Auth0 directory once, runs the chosen operation with it, and closes it. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeMfaOperation(this, RESOURCES, async (offline, route) => {
		const host = offline
			? 'offline'
			: auth0Endpoints(await this.getCredentials<Auth0MfaCredentialData>(AUTH0_MFA_CREDENTIAL)).host;
		const anchored =
			isAnchored(route) && AUTH0_NODE.anchorOption?.read(executionOptions(this)) !== 'none';
		return new Auth0MfaDirectory(
			this,
			readRetrySettings(this, DEFAULT_RETRY_POLICY),
			host,
			readAuth0Settings(this, anchored),
			{ dryRun: readDryRun(this), groupCacheMaxAgeMinutes: readGroupCacheMaxAge(this) },
		);
	});
}
