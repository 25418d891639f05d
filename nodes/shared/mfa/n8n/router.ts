import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import type { MfaDirectory } from '../port';
import type { MfaOperation } from './provider';

/** Operations that never call the provider, and may run without its credential. */
export const OFFLINE_OPERATIONS = new Set(['previewMapping']);

/** Operations whose options hold the anchor field; the others look users up by id or username only. */
export const ANCHORED_OPERATIONS = new Set(['identityEvent.apply', 'user.upsert', 'directory.reconcile']);

/** The Resource and Operation the node runs. */
export interface MfaRoute {
	resource: string;
	operation: string;
}

/** Whether the route's options hold the anchor field (see ANCHORED_OPERATIONS). */
export const isAnchored = (route: MfaRoute) => ANCHORED_OPERATIONS.has(`${route.resource}.${route.operation}`);

/**
 * Runs the operation the node's Resource and Operation select, with the directory `open` builds
 * once for the execution (`offline` when the operation never calls the provider), and closes the
 * directory afterwards, also when the operation failed.
 */
export async function routeMfaOperation(
	ctx: IExecuteFunctions,
	resources: Record<string, Record<string, MfaOperation>>,
	open: (offline: boolean, route: MfaRoute) => Promise<MfaDirectory>,
): Promise<INodeExecutionData[][]> {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const selected = Object.prototype.hasOwnProperty.call(resources, resource)
		? resources[resource][operation]
		: undefined;
	if (!selected) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The operation "${operation}" of the resource "${resource}" is not supported`,
		);
	}
	const directory = await open(OFFLINE_OPERATIONS.has(operation), { resource, operation });
	try {
		return [await selected.execute.call(ctx, ctx.getInputData(), directory)];
	} finally {
		await directory.close();
	}
}
