'use strict';

/**
 * The demo's set-up, shared with the screenshot script: build, Node 24 + n8n (cached), sandbox Okta
 * and Duo, the packed package in a real n8n with every sample workflow and sandbox credentials, the
 * one-node Okta → Duo workflow published (automatic registration creates the Okta event hook), and
 * the sample Okta deliveries sent through it.
 */

const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const { startFakeDuo } = require('../../sandbox/duo/server');
const { startFakeOkta } = require('../../sandbox/okta/server');
const { isInstallCached } = require('../e2e/install');
const { ensureN8nInstall, executionItems, freePort, packPackage, startN8n } = require('../e2e/n8nInstance');
const { oktaDelivery } = require('./oktaDeliveries');
const { actionLines } = require('./report');
const { DEMO_EVENTS, duoAccount, oktaDirectory } = require('./sandboxDirectory');
const {
	connectN8nApiCredential,
	hooksFor,
	loadSampleWorkflows,
	sandboxCredentials,
	triggerWebhookPath,
} = require('./samples');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const TRIGGER_TYPE = 'n8n-nodes-idp-mfa-sync.idpEventTrigger';
const DUO_TYPE = 'n8n-nodes-idp-mfa-sync.duoSecurity';
const ONE_NODE_SAMPLE = 'okta-to-duo-lifecycle-sync.json';
/** What a first run fetches and builds (README, Quick start): its time on 2 cores and the cache's `du -sh` after it. */
const FIRST_RUN = { minutes: '6 to 15', disk: '3 GB' };
const CACHE_DIR = process.env.IDP_MFA_SYNC_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-idp-mfa-sync');

/** @param {number} port @returns {Promise<boolean>} */
function isFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/** @param {number} preferred */
async function portFor(preferred) {
	return (await isFree(preferred)) ? preferred : await freePort();
}

/** Stops what was started, newest first, once; what starts after that is stopped at once. */
function createStopper() {
	/** @type {Array<{ name: string, stop: () => Promise<void> | void }>} */
	const started = [];
	/** @type {Promise<void> | undefined} */
	let stopping;
	const stopOne = async (
		/** @type {{ name: string, stop: () => Promise<void> | void }} */ entry,
	) => {
		try {
			await entry.stop();
		} catch (error) {
			process.stderr.write(`Could not stop ${entry.name}: ${error}\n`);
		}
	};
	return {
		/** @param {string} name @param {() => Promise<void> | void} stop */
		add(name, stop) {
			if (stopping) void stopOne({ name, stop });
			else started.push({ name, stop });
		},
		stopAll() {
			stopping ??= (async () => {
				for (const entry of started.reverse()) await stopOne(entry);
			})();
			return stopping;
		},
	};
}

/**
 * Runs a command with its output going to `toLog`; rejects, pointing at the log, when it fails.
 * @param {string} command @param {string[]} args @param {(chunk: string) => void} toLog
 * @returns {Promise<void>}
 */
function runLogged(command, args, toLog) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
		child.stdout.on('data', (chunk) => toLog(String(chunk)));
		child.stderr.on('data', (chunk) => toLog(String(chunk)));
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0
				? resolve()
				: reject(new Error(`${path.basename(args[0] ?? command)} failed (exit code ${code}); see the log`)),
		);
	});
}

/**
 * @typedef {object} StageSpec
 * @property {string} label
 * @property {(result: any) => string} [doneLabel]
 * @property {string} [slow]  said up front when the stage may take minutes
 * @typedef {<T>(spec: StageSpec, work: () => Promise<T>) => Promise<T>} RunStage
 */

/** The stages startSandboxRun runs, for a progress line per stage. */
const SETUP_STAGES = 6;

/**
 * @param {{ stopper: ReturnType<typeof createStopper>, stage: RunStage, toLog: (chunk: string) => void,
 *   ports?: { n8n: number, okta: number, duo: number } }} options
 */
async function startSandboxRun({ stopper, stage, toLog, ports = { n8n: 5678, okta: 5680, duo: 5681 } }) {
	await stage({ label: 'Package built (tsc, icons, codex files, samples)' }, () =>
		runLogged(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.js')], toLog),
	);
	const cached = isInstallCached();
	const state = cached ? 'ready (cached)' : 'installed';
	const install = await stage(
		{
			label: `Node 24 and n8n 2.41.1 ${state}`,
			doneLabel: (/** @type {import('../e2e/install').N8nInstall} */ result) =>
				`n8n ${result.n8nVersion} on Node ${result.nodeVersion} ${state} in ${CACHE_DIR}`,
			slow: cached ? undefined : `first run only: about ${FIRST_RUN.minutes} minutes and ${FIRST_RUN.disk} in ${CACHE_DIR}, from the npm registry, with a sqlite3 build`,
		},
		() => ensureN8nInstall({ onOutput: toLog }),
	);

	const oktaPort = await portFor(ports.okta);
	const duoPort = await portFor(ports.duo);
	const { okta, duo } = await stage({ label: 'Sandbox Okta and Duo started' }, async () => {
		const oktaServer = await startFakeOkta({ ...oktaDirectory(), port: oktaPort });
		stopper.add('sandbox Okta', () => oktaServer.close());
		const duoServer = await startFakeDuo({ seed: duoAccount(), port: duoPort });
		stopper.add('sandbox Duo', () => duoServer.close());
		return { okta: oktaServer, duo: duoServer };
	});

	const tarball = await stage(
		{ label: 'Package packed (npm pack)', doneLabel: (file) => `Package packed: ${path.basename(file)}` },
		() => packPackage(REPO_ROOT),
	);
	stopper.add('packed tarball', () => fs.rmSync(path.dirname(tarball), { recursive: true, force: true }));

	const entries = loadSampleWorkflows();
	const samples = entries.map((entry) => entry.workflow);
	const lifecycle = entries.find((entry) => entry.file === ONE_NODE_SAMPLE)?.workflow;
	const errorWorkflow = samples.find((workflow) => workflow.id === lifecycle?.settings?.errorWorkflow);
	if (!lifecycle || !errorWorkflow) {
		throw new Error(`examples/ lacks ${ONE_NODE_SAMPLE} or the error workflow it names`);
	}
	const n8nPort = await portFor(ports.n8n);
	const n8n = await stage({ label: `n8n started with the package and ${samples.length} sample workflows` }, () =>
		startN8n({
			label: 'demo',
			tarball,
			port: n8nPort,
			workflows: samples,
			credentials: sandboxCredentials(samples, {
				okta,
				duo,
				eventHookSecret: randomBytes(24).toString('base64url'),
			}),
		}),
	);
	stopper.add('n8n', async () => {
		await n8n.stop();
		const left = n8n.memoryUsage().processes;
		if (left.length > 0) throw new Error(`n8n processes still running: ${left.map((p) => p.pid).join(', ')}`);
	});

	const url = n8n.webhookUrl(triggerWebhookPath(lifecycle));
	const hook = await stage({ label: 'Workflows published (Okta event hook registered)' }, async () => {
		await connectN8nApiCredential(n8n, samples);
		await n8n.publish(errorWorkflow.id);
		await n8n.publish(lifecycle.id);
		const [created] = hooksFor(okta, url);
		if (!created) throw new Error('Publishing did not create the Okta event hook');
		return created;
	});
	return { install, okta, duo, n8n, samples, lifecycle, errorWorkflow, url, hook };
}

/**
 * Sends the sample Okta deliveries the way Okta does and waits for each execution.
 * @param {Awaited<ReturnType<typeof startSandboxRun>>} run
 * @returns {Promise<{ report: string[], executions: any[] }>}
 */
async function sendSampleDeliveries({ okta, n8n, lifecycle, hook }) {
	const triggerName = lifecycle.nodes.find((node) => node.type === TRIGGER_TYPE)?.name ?? '';
	const duoName = lifecycle.nodes.find((node) => node.type === DUO_TYPE)?.name ?? '';
	/** @type {string[]} */
	const report = [];
	const executions = [];
	for (const sample of DEMO_EVENTS) {
		sample.prepare?.(okta);
		const events = sample.events();
		const response = await okta.deliver(hook.id, oktaDelivery({ orgUrl: okta.url, hookId: hook.id }, events));
		const all = await n8n.waitForExecutions(lifecycle.id, executions.length + 1);
		const execution = all[all.length - 1];
		executions.push(execution);
		report.push(`  ${sample.title}`);
		report.push(
			`    ${events.map((event) => event.eventType).join(', ')} → HTTP ${response.status}, execution ${execution.id} ${execution.status}`,
		);
		for (const line of actionLines(executionItems(execution, duoName), executionItems(execution, triggerName))) {
			report.push(line ? `      Duo: ${line}` : line);
		}
	}
	return { report, executions };
}

module.exports = {
	CACHE_DIR,
	DEMO_EVENTS,
	SETUP_STAGES,
	createStopper,
	sendSampleDeliveries,
	startSandboxRun,
	triggerWebhookPath,
};
