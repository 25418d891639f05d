import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { executionOptions, readDryRun, readRetrySettings } from '../../shared/mfa/n8n/options';
import { routeMfaOperation } from '../../shared/mfa/n8n/router';
import { DuoDirectory } from '../client/DuoDirectory';
import { DUO_CREDENTIAL } from '../transport/request';
import { DEFAULT_RETRY_POLICY } from '../transport/retryPolicy';
import * as directory from './directory/Directory.resource';
import { GROUP_CACHE_MAX_AGE_DEFAULT } from './duoNode';
import * as group from './group/Group.resource';
import * as identityEvent from './identityEvent/IdentityEvent.resource';
import * as user from './user/User.resource';

const RESOURCES = {
	user: user.operations,
	group: group.operations,
	identityEvent: identityEvent.operations,
	directory: directory.operations,
};

function groupCacheMaxAge(ctx: IExecuteFunctions): number {
	const maxAge = Number(executionOptions(ctx).groupCacheMaxAge ?? GROUP_CACHE_MAX_AGE_DEFAULT);
	return Number.isFinite(maxAge) && maxAge >= 0 ? maxAge : GROUP_CACHE_MAX_AGE_DEFAULT;
}

/**
 * Builds the execution's Duo directory once, runs the chosen operation with it, and keeps the group
 * directory it learnt for later executions of this process.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeMfaOperation(this, RESOURCES, async (offline) => {
		const host = offline ? '' : String((await this.getCredentials(DUO_CREDENTIAL)).apiHostname ?? '');
		return new DuoDirectory(this, readRetrySettings(this, DEFAULT_RETRY_POLICY), host, {
			dryRun: readDryRun(this),
			groupCacheMaxAgeMinutes: groupCacheMaxAge(this),
		});
	});
}
