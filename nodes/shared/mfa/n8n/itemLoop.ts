import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
} from 'n8n-workflow';

import { startReading } from '../locks';
import type { MfaDirectory, PlannedWrite } from '../port';
import { orderedResult, type ActionResult } from '../results';
import { stepJson } from '../steps';
import type { Outcome } from '../run';

/** The MFA users an item will look up, fetched in one batch before any item runs. */
export interface UserLookup {
	keys?: string[];
	ids?: string[];
}

export interface ItemWork<T> {
	/** Reads the item's parameters. Runs for every item before any provider call. */
	prepare(itemIndex: number): { input: T; lookup?: UserLookup };
	/** Does the item's work; returns an outcome of the sync core, or output objects. */
	run(input: T, itemIndex: number): Promise<Outcome | IDataObject | IDataObject[]>;
}

/** Attaches the item index to a node error, or wraps any other error in a NodeOperationError. */
export function itemError(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(node, error as Error, { itemIndex });
}

function plannedWriteJson(plan: PlannedWrite): IDataObject {
	return {
		method: plan.method,
		path: plan.path,
		params: { ...plan.params },
		target: { ...plan.target },
		...(plan.before ? { before: { ...plan.before } } : {}),
		...(plan.after ? { after: { ...plan.after } } : {}),
	};
}

const isOutcome = (value: unknown): value is Outcome =>
	typeof value === 'object' && value !== null && 'result' in value && 'steps' in value;

/** One line for an item that changed something, for the message of a later item's failure. */
function doneLine(itemIndex: number, json: IDataObject): string | undefined {
	const action = json.action;
	if (typeof action !== 'string' || action === 'unchanged' || action === 'skipped') return undefined;
	const subject = [json.username, json.groupName].filter(Boolean).join(' → ');
	return `item ${itemIndex}: ${action}${subject ? ` ${subject}` : ''}`;
}

/**
 * Runs an operation over the input items in order: every item's parameters are read first, the
 * users all items need are fetched in batches, then each item runs. With "Continue On Fail" a
 * failed item outputs `{ error }`; without it, the error lists what the items before it already
 * changed. Every output item is paired with its input item. In a dry run each output item lists its
 * plan and the provider requests it would send.
 */
export async function processItems<T>(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	directory: MfaDirectory,
	work: ItemWork<T>,
): Promise<INodeExecutionData[]> {
	const prepared = items.map((_, itemIndex) => {
		try {
			return { ok: true as const, ...work.prepare(itemIndex) };
		} catch (error) {
			return { ok: false as const, error };
		}
	});
	startReading(directory);
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
	const done: string[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const entry = prepared[itemIndex];
		try {
			if (prefetchError) throw prefetchError;
			if (!entry.ok) throw entry.error;
			const firstWrite = directory.writes.length;
			const value = await work.run(entry.input, itemIndex);
			const results: IDataObject[] = isOutcome(value)
				? [orderedResult(value.result as ActionResult)]
				: Array.isArray(value)
					? value
					: [value];
			const dryRun = directory.dryRun
				? {
						dryRun: true,
						...(isOutcome(value) ? { plan: value.steps.map(stepJson) } : {}),
						plannedWrites: directory.writes.slice(firstWrite).map(plannedWriteJson),
					}
				: {};
			for (const json of results) {
				const line = doneLine(itemIndex, json);
				if (line) done.push(line);
				output.push({ json: { ...json, ...dryRun }, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			const nodeError = itemError(ctx.getNode(), error, itemIndex);
			if (!ctx.continueOnFail()) {
				if (done.length > 0) {
					const already = `Already done by the items before it: ${done.join('; ')}.`;
					nodeError.description = nodeError.description ? `${nodeError.description} ${already}` : already;
				}
				throw nodeError;
			}
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
