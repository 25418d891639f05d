import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { DEFAULT_RETRY_POLICY } from '../../shared/http/retryPolicy';
import { readGroupCacheMaxAge } from '../../shared/mfa/n8n/groupCache';
import { executionOptions, readDryRun, readRetrySettings } from '../../shared/mfa/n8n/options';
import { isAnchored, routeMfaOperation } from '../../shared/mfa/n8n/router';
import { EntraMfaDirectory } from '../client/EntraMfaDirectory';
import { entraMfaEndpoints, type EntraMfaCredentialData } from '../transport/endpoint';
import { ENTRA_MFA_CREDENTIAL } from '../transport/request';
import { ENTRA_NODE } from './entraNode';
import { RESOURCES } from './versionDescription';

/** Builds the execution's Entra ID directory once, runs the chosen operation with it, and closes it. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeMfaOperation(this, RESOURCES, async (offline, route) => {
		const credentials = offline
			? undefined
			: await this.getCredentials<EntraMfaCredentialData>(ENTRA_MFA_CREDENTIAL);
		const graphBaseUrl = credentials ? entraMfaEndpoints(credentials).graphBaseUrl : '';
		const anchored = isAnchored(route);
		const anchorField = anchored ? (ENTRA_NODE.anchorOption?.read(executionOptions(this)) ?? 'none') : 'none';
		return new EntraMfaDirectory(
			this,
			readRetrySettings(this, DEFAULT_RETRY_POLICY),
			`${credentials?.tenantId?.trim() ?? 'offline'} ${graphBaseUrl}`,
			{ anchorField, graphBaseUrl },
			{ dryRun: readDryRun(this), groupCacheMaxAgeMinutes: readGroupCacheMaxAge(this) },
		);
	});
}
