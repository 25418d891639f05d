import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { DEFAULT_RETRY_POLICY } from '../../shared/http/retryPolicy';
import { executionOptions, readDryRun, readRetrySettings } from '../../shared/mfa/n8n/options';
import { routeMfaOperation } from '../../shared/mfa/n8n/router';
import { PingOneDirectory } from '../client/PingOneDirectory';
import { PingOneMfaClient } from '../client/PingOneMfaClient';
import { pingOneEndpoints, type PingOneCredentialData } from '../transport/endpoint';
import { PINGONE_CREDENTIAL } from '../transport/request';
import { GROUP_CACHE_MAX_AGE_DEFAULT } from './pingOneNode';
import * as group from './group/Group.resource';
import * as directory from './directory/Directory.resource';
import * as identityEvent from './identityEvent/IdentityEvent.resource';
import * as user from './user/User.resource';

const RESOURCES = { directory: directory.operations, user: user.operations, group: group.operations, identityEvent: identityEvent.operations };

function groupCacheMaxAge(ctx: IExecuteFunctions): number {
	const maxAge = Number(executionOptions(ctx).groupCacheMaxAge ?? GROUP_CACHE_MAX_AGE_DEFAULT);
	return Number.isFinite(maxAge) && maxAge >= 0 ? maxAge : GROUP_CACHE_MAX_AGE_DEFAULT;
}

/** The environment the credential names, as the directory's account: its API URL. */
async function environmentOf(ctx: IExecuteFunctions): Promise<string> {
	const credentials = (await ctx.getCredentials(PINGONE_CREDENTIAL)) as unknown as PingOneCredentialData;
	return pingOneEndpoints(credentials).environmentUrl;
}

/** Builds the execution's PingOne directory once, runs the chosen operation with it, and keeps its group listing. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeMfaOperation(this, RESOURCES, async (offline) => {
		const client = new PingOneMfaClient(this, { retry: readRetrySettings(this, DEFAULT_RETRY_POLICY) });
		return new PingOneDirectory(this.getNode(), client, {
			account: offline ? '' : await environmentOf(this),
			dryRun: readDryRun(this),
			groupCacheMaxAgeMinutes: groupCacheMaxAge(this),
		});
	});
}
