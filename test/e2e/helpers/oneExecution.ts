import type { N8nExecution, N8nHandle } from '../../../scripts/e2e/n8nInstance';

/** A fake MFA provider that counts the writes it received (the fake Duo, or a wrapper around another). */
export interface CountsWrites {
	counts(): { writes: number };
}

/**
 * Runs `deliver` (an IdP pushing its pending events) and returns the one execution it started, which
 * must have succeeded from the webhook and written to the fake MFA provider.
 */
export async function oneWritingExecution(
	n8n: N8nHandle,
	workflowId: string,
	duo: CountsWrites,
	deliver: () => Promise<void>,
): Promise<N8nExecution> {
	const before = (await n8n.executions({ workflowId })).length;
	const writes = duo.counts().writes;
	await deliver();
	const all = await n8n.waitForExecutions(workflowId, before + 1);
	expect(all).toHaveLength(before + 1);
	const execution = all[all.length - 1];
	expect({ status: execution.status, mode: execution.mode }).toEqual({ status: 'success', mode: 'webhook' });
	expect(duo.counts().writes).toBeGreaterThan(writes);
	return execution;
}
