import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { executionOptions, readDryRun, readRetrySettings } from '../../shared/mfa/n8n/options';
import type { MfaOperation } from '../../shared/mfa/n8n/provider';
import { DuoDirectory } from '../client/DuoDirectory';
import { DUO_CREDENTIAL } from '../transport/request';
import { DEFAULT_RETRY_POLICY } from '../transport/retryPolicy';
import { GROUP_CACHE_MAX_AGE_DEFAULT } from './duoNode';
import * as directory from './directory/Directory.resource';
import * as group from './group/Group.resource';
import * as identityEvent from './identityEvent/IdentityEvent.resource';
import type { DuoResource } from './node.type';
import * as user from './user/User.resource';

const RESOURCES: Record<DuoResource, Record<string, MfaOperation>> = {
	user: user.operations,
	group: group.operations,
	identityEvent: identityEvent.operations,
	directory: directory.operations,
};

/** Operations that never call Duo, and may run without the Duo credential. */
const OFFLINE = new Set(['previewMapping']);

function groupCacheMaxAge(ctx: IExecuteFunctions): number {
	const maxAge = Number(executionOptions(ctx).groupCacheMaxAge ?? GROUP_CACHE_MAX_AGE_DEFAULT);
	return Number.isFinite(maxAge) && maxAge >= 0 ? maxAge : GROUP_CACHE_MAX_AGE_DEFAULT;
}

/**
 * Builds the execution's Duo directory once, runs the chosen operation with it, and keeps the group
 * directory it learnt for later executions of this process.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as DuoResource;
	const operation = this.getNodeParameter('operation', 0) as string;
	const selected = RESOURCES[resource]?.[operation];
	if (!selected) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of the resource "${resource}" is not supported`,
		);
	}
	const host = OFFLINE.has(operation)
		? ''
		: String((await this.getCredentials(DUO_CREDENTIAL)).apiHostname ?? '');
	const directory = new DuoDirectory(
		this,
		readRetrySettings(this, DEFAULT_RETRY_POLICY),
		host,
		{ dryRun: readDryRun(this), groupCacheMaxAgeMinutes: groupCacheMaxAge(this) },
	);
	try {
		return [await selected.execute.call(this, this.getInputData(), directory)];
	} finally {
		await directory.close();
	}
}
