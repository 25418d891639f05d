#!/usr/bin/env node
// bench/ack: how fast a real n8n 2.41.1 acknowledges webhook deliveries, and how many events a second come out,
// for (A) n8n's core Webhook node responding on receipt, (B) the IdP Event Trigger for Okta with enrichment off,
// and (C) the same with enrichment on against the fake Okta, on the same instance in one run. Every figure is also
// given as a ratio to A's in the same run: the machine is shared, so only ratios compare across runs.
//   node bench/ack.js [--seconds 10] [--rates 10,25,35,45] [--batch-rates 2,5,10] [--batch-size 100]
//                     [--modes regular,queue] [--engines default,legacy] [--workflows A,B,C] [--timeout 20000]
//                     [--out ack]   (--out none writes nothing)   [--cpu-prof DIR]   (profiles of the n8n processes)
//   node bench/ack.js --smoke   CI's check that it still runs: regular mode, A and B at 5/s and one batch rate,
//                               2 s each (8 s of load); exits 1 unless every delivery got a 2xx and an execution.
// Needs the cached n8n (bash scripts/e2e/install-n8n.sh), PostgreSQL and Redis for queue mode
// (bash scripts/e2e/install-services.sh), and a build (npm run build).
'use strict';
const os = require('node:os');

const { packedPackage, ensureN8nInstall } = require('../scripts/e2e/n8nInstance');
const { writeResult } = require('./lib');
const { ackStats, sendAtRate } = require('./ack/load');
const { printRun, ratiosToA, kneeOf } = require('./ack/report');
const { expressionEngine, settleCpu, settleExecutions, startOktaProcess, startTarget } = require('./ack/target');
const { WORKFLOWS, benchUsers, deliveryBody } = require('./ack/workflows');

const SMOKE = process.argv.includes('--smoke');
const SMOKE_ARGS = { seconds: '2', rates: '5', 'batch-rates': '2', 'batch-size': '20', modes: 'regular', engines: 'default', workflows: 'A,B', out: 'none' };

function listArg(name, fallback) {
	const i = process.argv.indexOf(`--${name}`);
	if (i > 0) return process.argv[i + 1].split(',').filter(Boolean);
	return SMOKE && name in SMOKE_ARGS ? SMOKE_ARGS[name].split(',') : fallback;
}
const numbers = (list) => list.map(Number);
const option = (name, fallback) => listArg(name, [String(fallback)])[0];

const SECONDS = Number(option('seconds', 10));
const RATES = numbers(listArg('rates', ['10', '25', '35', '45']));
const BATCH_RATES = numbers(listArg('batch-rates', ['2', '5', '10']));
const BATCH_SIZE = Number(option('batch-size', 100));
const MODES = listArg('modes', ['regular', 'queue']);
const ENGINES = listArg('engines', ['default', 'legacy']);
const KEYS = listArg('workflows', ['A', 'B', 'C']);
const TIMEOUT_MS = Number(option('timeout', 20_000));
const OUT = option('out', 'ack');
/** A folder for CPU profiles of every n8n process (written when they stop). */
const CPU_PROF = option('cpu-prof', '');
const USERS = 1000;

const users = benchUsers(USERS);
let offset = 0;

/** One block: `rate` deliveries a second of `size` events to one workflow, then its executions settled. */
async function block(target, okta, key, rate, size) {
	const workflow = WORKFLOWS[key];
	const { url, headers } = target.targets[key];
	const before = await target.executions(workflow.id);
	const cpuBefore = target.cpu();
	const load = [os.loadavg()[0]];
	const startedAt = Date.now();
	const { results, sendSeconds } = await sendAtRate({
		url,
		rate,
		seconds: SECONDS,
		headers,
		timeoutMs: TIMEOUT_MS,
		makeBody: () => {
			offset += size;
			return deliveryBody(okta.url, users, size, offset);
		},
	});
	const stats = ackStats(results, TIMEOUT_MS);
	const after = await settleExecutions(target, workflow.id, before.count + stats.ok);
	const cpuAfter = target.cpu();
	load.push(os.loadavg()[0]);
	const emitted = key === 'A' ? stats.ok * size : results.reduce((sum, r) => sum + (r.status >= 200 && r.status < 300 ? emittedOf(r.text) : 0), 0);
	const span = Math.max(sendSeconds, ((after.lastStop || Date.now()) - startedAt) / 1000);
	const cpu = Object.fromEntries(Object.keys(cpuAfter).map((name) => [name, Number((cpuAfter[name] - cpuBefore[name]).toFixed(2))]));
	const cpuTotal = Object.values(cpu).reduce((a, b) => a + b, 0);
	await settleCpu(target);
	return {
		workflow: key,
		rate,
		size,
		...stats,
		executions: after.count - before.count,
		failedExecutions: after.failed - before.failed,
		eventsEmitted: emitted,
		eventsPerSecond: Number((emitted / span).toFixed(1)),
		cpuMsPerRequest: Math.round((cpuTotal * 1000) / results.length),
		cpuSeconds: cpu,
		loadAverage: load.map((l) => Number(l.toFixed(2))),
	};
}

function emittedOf(text) {
	try {
		const summary = JSON.parse(text);
		return typeof summary.emitted === 'number' ? summary.emitted : 0;
	} catch {
		return 0;
	}
}

/** Warms every workflow (JIT, first webhook lookups) and waits until each answers. */
async function warmUp(target, okta) {
	for (const key of KEYS) {
		const { url, headers } = target.targets[key];
		const deadline = Date.now() + 30_000;
		for (;;) {
			const { results } = await sendAtRate({ url, rate: 5, seconds: 1, headers, timeoutMs: TIMEOUT_MS, makeBody: () => deliveryBody(okta.url, users, 1, (offset += 1)) });
			if (results.every((r) => r.status >= 200 && r.status < 300)) break;
			if (Date.now() > deadline) throw new Error(`${key} does not answer 2xx: ${results.map((r) => `${r.status} ${r.text}`).join('; ')}`);
		}
	}
	await settleCpu(target);
}

/** The order of the workflows in the `index`th step: reversed every other step, so neither always goes first. */
const orderAt = (index) => (index % 2 === 0 ? KEYS : [...KEYS].reverse());

async function runOne(mode, engineName, tarball, install, regularKnee) {
	const okta = await startOktaProcess(USERS);
	const env = engineName === 'default' ? {} : { N8N_EXPRESSION_ENGINE: engineName };
	const profile = CPU_PROF ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${CPU_PROF}` } : {};
	const engine = expressionEngine(install.n8nHome, env);
	console.log(`\n== ${mode} mode, expression engine ${engine.engine} (${engine.source}) ==`);
	let target;
	try {
		target = await startTarget({ mode, env: { ...env, ...profile }, tarball, okta, log: (text) => console.error(text) });
		await warmUp(target, okta);
		const sweep = [];
		for (const [i, rate] of RATES.entries()) {
			for (const key of orderAt(i)) {
				const row = await block(target, okta, key, rate, 1);
				sweep.push(row);
				console.log(`  ${key} ${rate}/s: p50 ${row.p50} p95 ${row.p95} p99 ${row.p99} ms, non-2xx ${row.non2xx}, unanswered ${row.unanswered}, executions ${row.executions}/${row.requests}, CPU ${row.cpuMsPerRequest} ms/request, load ${row.loadAverage.join('→')}`);
			}
		}
		const batches = [];
		for (const [i, rate] of BATCH_RATES.entries()) {
			for (const key of orderAt(i)) {
				const row = await block(target, okta, key, rate, BATCH_SIZE);
				batches.push(row);
				console.log(`  ${key} ${rate}/s × ${BATCH_SIZE} events: p99 ${row.p99} ms, ${row.eventsPerSecond} events/s, executions ${row.executions}/${row.requests}, unanswered ${row.unanswered}, load ${row.loadAverage.join('→')}`);
			}
		}
		// Queue mode's bar: no ack above 1 s at 5× the knee regular mode reached with the same engine.
		const burst = [];
		if (regularKnee) {
			for (const key of KEYS.filter((k) => k !== 'C')) burst.push(await block(target, okta, key, 5 * regularKnee, 1));
		}
		return { mode, engine, sweep, batches, burst, knee: kneeOf(sweep), ratios: ratiosToA(sweep, batches), oktaRequests: await okta.requests() };
	} finally {
		await target?.stop();
		await okta.close();
	}
}

(async () => {
	const install = await ensureN8nInstall();
	const packed = await packedPackage();
	const runs = [];
	try {
		for (const mode of MODES) {
			for (const engine of ENGINES) {
				const regular = runs.find((run) => run.mode === 'regular' && run.engine.engine === expressionEngine(install.n8nHome, engine === 'default' ? {} : { N8N_EXPRESSION_ENGINE: engine }).engine);
				const knee = mode === 'queue' && regular ? regular.knee.B || regular.knee.A || Math.min(...RATES) : undefined;
				runs.push(await runOne(mode, engine, packed.tarball, install, knee));
			}
		}
	} finally {
		packed.cleanup();
	}
	for (const run of runs) printRun(run);
	const settings = { seconds: SECONDS, rates: RATES, batchRates: BATCH_RATES, batchSize: BATCH_SIZE, timeoutMs: TIMEOUT_MS, workflows: KEYS, n8n: install.n8nVersion, n8nNode: install.nodeVersion };
	if (OUT !== 'none') console.log(`\nwrote ${writeResult(OUT, { settings, runs })}`);
	if (SMOKE) {
		const short = runs.flatMap((run) => [...run.sweep, ...run.batches]).filter((row) => row.ok !== row.requests || row.executions !== row.requests);
		if (short.length > 0) {
			console.error(`smoke: ${short.map((row) => `${row.workflow} at ${row.rate}/s × ${row.size}: ${row.ok}/${row.requests} 2xx, ${row.executions} executions`).join('; ')}`);
			process.exit(1);
		}
		console.log('smoke: every delivery got a 2xx and an execution');
	}
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
