import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
} from 'n8n-workflow';

import type { DuoDirectory } from '../../client/DuoDirectory';
import { plannedWriteJson } from '../../client/plannedWrite';

/** The Duo users an item will look up, fetched in one batch before any item runs. */
export interface UserLookup {
	keys?: string[];
	ids?: string[];
}

export interface ItemWork<T> {
	/** Reads the item's parameters. Runs for every item before any Duo call. */
	prepare(itemIndex: number): { input: T; lookup?: UserLookup };
	/** Does the item's work; returns one output object or several. */
	run(input: T, itemIndex: number): Promise<IDataObject | IDataObject[]>;
}

/** Attaches the item index to a node error, or wraps any other error in a NodeOperationError. */
export function itemError(
	node: INode,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/**
 * Runs an operation over the input items in order: every item's parameters are read first, the
 * users all items need are fetched in batches, then each item runs. With "Continue On Fail" a
 * failed item outputs `{ error }`; every output item is paired with its input item. In a dry run
 * each output item lists the writes its item planned.
 */
export async function processItems<T>(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	directory: DuoDirectory,
	work: ItemWork<T>,
): Promise<INodeExecutionData[]> {
	const prepared = items.map((_, itemIndex) => {
		try {
			return { ok: true as const, ...work.prepare(itemIndex) };
		} catch (error) {
			return { ok: false as const, error };
		}
	});
	const keys = prepared.flatMap((entry) => (entry.ok ? (entry.lookup?.keys ?? []) : []));
	const ids = prepared.flatMap((entry) => (entry.ok ? (entry.lookup?.ids ?? []) : []));
	let prefetchError: unknown;
	try {
		await directory.prefetchUsers({ keys, ids });
	} catch (error) {
		if (!ctx.continueOnFail()) throw itemError(ctx.getNode(), error, 0);
		prefetchError = error;
	}

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const entry = prepared[itemIndex];
		try {
			if (prefetchError) throw prefetchError;
			if (!entry.ok) throw entry.error;
			const firstWrite = directory.writes.length;
			const result = await work.run(entry.input, itemIndex);
			const planned = directory.dryRun
				? directory.writes.slice(firstWrite).map(plannedWriteJson)
				: undefined;
			for (const json of Array.isArray(result) ? result : [result]) {
				output.push({
					json: planned ? { ...json, dryRun: true, plannedWrites: planned } : json,
					pairedItem: { item: itemIndex },
				});
			}
		} catch (error) {
			const nodeError = itemError(ctx.getNode(), error, itemIndex);
			if (!ctx.continueOnFail()) throw nodeError;
			output.push({
				json: {
					error: nodeError.message,
					...(nodeError.description ? { description: nodeError.description } : {}),
				},
				pairedItem: { item: itemIndex },
			});
		}
	}
	return output;
}
