import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import type { MfaDirectory } from '../port';
import type { MfaOperation } from './provider';

/** Operations that never call the provider, and may run without its credential. */
export const OFFLINE_OPERATIONS = new Set(['previewMapping']);

/** Operations whose options hold the anchor field; the others look users up by id or username only. */
export const ANCHORED_OPERATIONS = new Set(['identityEvent.apply', 'user.upsert', 'directory.reconcile']);

export interface RouteContext {
	resource: string;
	operation: string;
	/** The operation never calls the provider (see OFFLINE_OPERATIONS). */
	offline: boolean;
}

/**
 * Runs the chosen operation of an MFA provider node with one directory for the execution, and
 * closes the directory afterwards so that what it learnt is kept for later executions.
 */
export async function routeOperation(
	ctx: IExecuteFunctions,
	resources: Record<string, Record<string, MfaOperation>>,
	open: (route: RouteContext) => Promise<MfaDirectory>,
): Promise<INodeExecutionData[][]> {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const selected = resources[resource]?.[operation];
	if (!selected) {
		throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" of the resource "${resource}" is not supported`);
	}
	const directory = await open({ resource, operation, offline: OFFLINE_OPERATIONS.has(operation) });
	try {
		return [await selected.execute.call(ctx, ctx.getInputData(), directory)];
	} finally {
		await directory.close();
	}
}
