import { sleep } from 'n8n-workflow';

import type { N8nHandle } from '../../../scripts/e2e/n8nInstance';

const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
	retryOf?: string | null;
}

/**
 * Every execution (of one workflow, or of all), without its data: cheap enough to poll while hundreds of
 * executions with large data exist.
 */
export async function executionSummaries(
	n8n: Pick<N8nHandle, 'api'>,
	workflowId?: string,
): Promise<ExecutionSummary[]> {
	const all: ExecutionSummary[] = [];
	let cursor: string | undefined;
	do {
		const query = new URLSearchParams({ includeData: 'false', limit: '250' });
		if (workflowId) query.set('workflowId', workflowId);
		if (cursor) query.set('cursor', cursor);
		const page = (await n8n.api('GET', `/executions?${query}`)) as {
			data: ExecutionSummary[];
			nextCursor?: string | null;
		};
		all.push(...page.data.map((execution) => ({ ...execution, id: String(execution.id) })));
		cursor = page.nextCursor ?? undefined;
	} while (cursor);
	return all.sort((a, b) => Number(a.id) - Number(b.id));
}

/** How many executions there are by status, e.g. `{success: 12, error: 1}`. */
export function countByStatus(executions: ExecutionSummary[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const { status } of executions) counts[status] = (counts[status] ?? 0) + 1;
	return counts;
}

/**
 * Waits until at least `count` executions of the workflows have finished, then until no new one has
 * appeared for `quietMs` (an execution n8n should not have started would show up by then). Polls every
 * `pollMs`.
 */
export async function waitForFinishedExecutions(
	n8n: Pick<N8nHandle, 'api'>,
	workflowIds: string[],
	count: number,
	{
		timeoutMs = 120_000,
		quietMs = 1500,
		pollMs = 500,
	}: { timeoutMs?: number; quietMs?: number; pollMs?: number } = {},
): Promise<ExecutionSummary[]> {
	const deadline = Date.now() + timeoutMs;
	const read = async () =>
		(await Promise.all(workflowIds.map((id) => executionSummaries(n8n, id)))).flat();
	let found = await read();
	for (;;) {
		const finished = found.filter((execution) => FINISHED.has(execution.status)).length;
		if (finished >= count && finished === found.length) break;
		if (Date.now() > deadline) {
			throw new Error(
				`Expected ${count} finished executions of ${workflowIds.join(', ')}, found ${JSON.stringify(countByStatus(found))}`,
			);
		}
		await sleep(pollMs);
		found = await read();
	}
	for (;;) {
		await sleep(quietMs);
		const again = await read();
		const settled = again.every((execution) => FINISHED.has(execution.status));
		if (again.length === found.length && settled) return again;
		found = again;
		if (Date.now() > deadline) return again;
	}
}
