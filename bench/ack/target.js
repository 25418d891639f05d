// The n8n bench/ack measures: regular mode on SQLite or queue mode (main + webhook process + 2 workers on
// PostgreSQL and Redis), with the bench workflows published and their webhook addresses and secrets.
'use strict';
const { fork } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { delay } = require('../../scripts/e2e/http');
const { startN8n } = require('../../scripts/e2e/n8nInstance');
const { processFamily } = require('../../scripts/e2e/processTree');
const { startQueueCluster } = require('../../scripts/e2e/queueCluster');
const { WORKFLOWS, benchCredentials, benchWorkflows } = require('./workflows');

/** The fake Okta in a child process, and a way to ask it things. */
async function startOktaProcess(users) {
	const child = fork(path.join(__dirname, 'fakeOktaProcess.js'), [String(users)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	const ask = (question, key) =>
		new Promise((resolve) => {
			const onMessage = (message) => {
				if (message && key in message) {
					child.off('message', onMessage);
					resolve(message[key]);
				}
			};
			child.on('message', onMessage);
			child.send(question);
		});
	const started = await new Promise((resolve, reject) => {
		child.once('message', resolve);
		child.once('exit', (code) => reject(new Error(`the fake Okta exited with ${code}`)));
	});
	return {
		url: started.url,
		apiToken: started.apiToken,
		hooks: () => ask('hooks', 'hooks'),
		requests: () => ask('requests', 'requests'),
		close: async () => {
			child.send('close');
			await new Promise((resolve) => child.once('exit', resolve));
		},
	};
}

/** The expression engine an n8n process runs with: what N8N_EXPRESSION_ENGINE says, or n8n's own default. */
function expressionEngine(install, env) {
	if (env.N8N_EXPRESSION_ENGINE) return { engine: env.N8N_EXPRESSION_ENGINE, source: 'N8N_EXPRESSION_ENGINE' };
	const config = path.join(install, 'node_modules', '@n8n', 'config', 'dist', 'configs', 'expression-engine.config.js');
	const engine = /this\.engine = '(\w+)'/.exec(fs.readFileSync(config, 'utf8'))?.[1] ?? 'unknown';
	return { engine, source: "n8n's default" };
}

/** User + system CPU seconds of the processes, from /proc. */
function cpuSeconds(pids) {
	let ticks = 0;
	for (const pid of pids) {
		try {
			const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			ticks += Number(fields[11]) + Number(fields[12]);
		} catch {
			// The process ended between listing and reading.
		}
	}
	return ticks / 100;
}

/**
 * Starts n8n in `mode` with `env`, imports and publishes the bench workflows, and returns what the bench
 * needs: each workflow's URL and headers, execution counts, and CPU time of the n8n processes by role.
 */
async function startTarget({ mode, env, tarball, okta, log }) {
	const common = { tarball, workflows: benchWorkflows(), credentials: benchCredentials(okta), env, label: `bench-ack-${mode}` };
	const n8n = mode === 'queue' ? await startQueueCluster({ ...common, workers: 2, webhookProcesses: 1 }) : await startN8n(common);
	try {
		for (const workflow of Object.values(WORKFLOWS)) await n8n.publish(workflow.id, { timeoutMs: 60_000 });
		const hooks = await okta.hooks();
		/** @type {Record<string, { url: string, headers: Record<string, string> }>} */
		const targets = {};
		for (const workflow of Object.values(WORKFLOWS)) {
			const webhookPath = workflow.key === 'A' ? workflow.webhookId : `${workflow.webhookId}/events`;
			const url = n8n.webhookUrl(webhookPath);
			const hook = hooks.find((h) => h.uri.includes(`/${workflow.webhookId}/`));
			if (workflow.key !== 'A' && !hook) throw new Error(`The trigger of ${workflow.key} registered no event hook with the fake Okta`);
			targets[workflow.key] = { url, headers: hook ? { [hook.header]: hook.secret } : {} };
		}
		const roles = mode === 'queue' ? Object.fromEntries(n8n.names.map((name) => [name, () => processFamily(n8n.process(name).pid()).map((p) => p.pid)])) : { n8n: () => n8n.memoryUsage().processes.map((p) => p.pid) };
		return {
			n8n,
			targets,
			/** CPU seconds so far, by process name (main, webhook-1, worker-1, … or n8n). */
			cpu: () => Object.fromEntries(Object.entries(roles).map(([name, pids]) => [name, cpuSeconds(pids())])),
			/** Executions of the workflow: how many, how many failed, and the latest stop time. */
			executions: (workflowId) => countExecutions(n8n, workflowId),
			stop: () => n8n.stop(),
		};
	} catch (error) {
		log?.(n8n.logs().slice(-4000));
		await n8n.stop();
		throw error;
	}
}

/** n8n answers 503 "Database is not ready" while SQLite is busy under load: ask again, a bounded number of times. */
async function retried(call, attempts = 180) {
	for (let i = 1; ; i++) {
		try {
			return await call();
		} catch (error) {
			if (i >= attempts || !/→ 503 /.test(String(error.message))) throw error;
			await delay(1000);
		}
	}
}

async function countExecutions(n8n, workflowId) {
	let count = 0;
	let failed = 0;
	let lastStop = 0;
	let cursor;
	do {
		const qs = new URLSearchParams({ workflowId, limit: '250', includeData: 'false' });
		if (cursor) qs.set('cursor', cursor);
		const page = /** @type {any} */ (await retried(() => n8n.api('GET', `/executions?${qs}`)));
		for (const execution of page.data) {
			count++;
			if (execution.status === 'error' || execution.status === 'crashed') failed++;
			if (execution.stoppedAt) lastStop = Math.max(lastStop, Date.parse(execution.stoppedAt));
		}
		cursor = page.nextCursor;
	} while (cursor);
	return { count, failed, lastStop };
}

/** Waits until the workflow has `expected` executions, or its count stopped growing for `quietMs`, at most `maxMs`. */
async function settleExecutions(target, workflowId, expected, { quietMs = 4000, maxMs = 120_000 } = {}) {
	const deadline = Date.now() + maxMs;
	let last = await target.executions(workflowId);
	let changedAt = Date.now();
	while (last.count < expected && Date.now() < deadline && Date.now() - changedAt < quietMs) {
		await delay(500);
		const now = await target.executions(workflowId);
		if (now.count !== last.count) changedAt = Date.now();
		last = now;
	}
	return last;
}

/** Waits until the n8n processes use less than `share` of one core over a second, at most `maxMs`. */
async function settleCpu(target, { share = 0.15, maxMs = 30_000 } = {}) {
	const deadline = Date.now() + maxMs;
	const total = () => Object.values(target.cpu()).reduce((a, b) => a + b, 0);
	for (;;) {
		const before = total();
		await delay(1000);
		if (total() - before < share || Date.now() > deadline) return;
	}
}

module.exports = { startOktaProcess, startTarget, settleExecutions, settleCpu, expressionEngine };
