import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { DEFAULT_RETRY_POLICY } from '../../shared/http/retryPolicy';
import { readGroupCacheMaxAge } from '../../shared/mfa/n8n/groupCache';
import { executionOptions, readDryRun, readRetrySettings } from '../../shared/mfa/n8n/options';
import { isAnchored, routeMfaOperation } from '../../shared/mfa/n8n/router';
import { OktaMfaDirectory } from '../client/OktaMfaDirectory';
import { oktaOrigin, type OktaMfaCredentialData } from '../transport/auth';
import { OKTA_MFA_CREDENTIAL } from '../transport/request';
import { OKTA_NODE } from './oktaNode';
import { readOktaSettings } from './oktaSettings';
import { RESOURCES } from './versionDescription';

/** Builds the execution's Okta directory once, runs the chosen operation with it, and closes it. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeMfaOperation(this, RESOURCES, async (offline, route) => {
		const origin = offline
			? 'offline'
			: oktaOrigin(await this.getCredentials<OktaMfaCredentialData>(OKTA_MFA_CREDENTIAL));
		const anchored = isAnchored(route);
		const anchorField = anchored ? (OKTA_NODE.anchorOption?.read(executionOptions(this)) ?? 'none') : 'none';
		return new OktaMfaDirectory(
			this,
			readRetrySettings(this, DEFAULT_RETRY_POLICY),
			origin,
			readOktaSettings(this, anchorField),
			{ dryRun: readDryRun(this), groupCacheMaxAgeMinutes: readGroupCacheMaxAge(this) },
		);
	});
}
