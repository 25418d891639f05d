import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { DuoDirectory } from '../client/DuoDirectory';
import { readDirectoryOptions, readRetryPolicy } from './common/options';
import * as group from './group/Group.resource';
import * as identityEvent from './identityEvent/IdentityEvent.resource';
import type { DuoOperation, DuoResource } from './node.type';
import * as user from './user/User.resource';

const RESOURCES: Record<DuoResource, Record<string, DuoOperation>> = {
	user: user.operations,
	group: group.operations,
	identityEvent: identityEvent.operations,
};

/**
 * Builds the execution's Duo directory client once, runs the chosen operation with it, and keeps
 * the group directory it learnt for later executions.
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
	const directory = new DuoDirectory(this, readRetryPolicy(this), readDirectoryOptions(this));
	try {
		return [await selected.execute.call(this, this.getInputData(), directory)];
	} finally {
		await directory.groups.save();
	}
}
