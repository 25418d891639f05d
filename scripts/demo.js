#!/usr/bin/env node
'use strict';

/**
 * `npm run demo` (after `npm run build`): a sandbox Okta and Duo on 127.0.0.1, a real n8n 2.41.1 with
 * this package installed from its packed tarball, every sample workflow and sandbox credentials.
 * Publishes the one-node Okta → Duo workflow (automatic registration creates the Okta event hook),
 * sends a few Okta events through the sandbox Okta, prints what changed in the sandbox Duo and how
 * to connect a real Okta org, then runs until Ctrl-C and stops everything it started.
 */

const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { randomBytes } = require('node:crypto');

const { startFakeDuo } = require('../sandbox/duo/server');
const { startFakeOkta } = require('../sandbox/okta/server');
const { oktaDelivery } = require('./demo/oktaDeliveries');
const { actionLines, duoChanges } = require('./demo/report');
const { DEMO_EVENTS, duoAccount, oktaDirectory } = require('./demo/sandboxDirectory');
const {
	connectN8nApiCredential,
	hooksFor,
	loadSampleWorkflows,
	sandboxCredentials,
	triggerWebhookPath,
} = require('./demo/samples');
const { isInstallCached } = require('./e2e/install');
const {
	ensureN8nInstall,
	executionItems,
	freePort,
	packPackage,
	startN8n,
} = require('./e2e/n8nInstance');

const REPO_ROOT = path.resolve(__dirname, '..');
const PREFERRED_PORTS = { n8n: 5678, okta: 5680, duo: 5681 };
const TRIGGER_TYPE = 'n8n-nodes-idp-mfa-sync.idpEventTrigger';
const DUO_TYPE = 'n8n-nodes-idp-mfa-sync.duoSecurity';
const ONE_NODE_SAMPLE = 'okta-to-duo-lifecycle-sync.json';
/** How long Ctrl-C waits for a start-up step in flight before stopping what exists. */
const SETTLE_AFTER_CTRL_C_MS = 15_000;

const seconds = (/** @type {number} */ ms) => `${(ms / 1000).toFixed(1)} s`;
const megabytes = (/** @type {number} */ bytes) => `${Math.round(bytes / 1024 / 1024)} MB`;
const say = (/** @type {string} */ text = '') => process.stdout.write(`${text}\n`);
const indent = (/** @type {string[]} */ lines, prefix = '    ') =>
	lines.map((line) => (line ? `${prefix}${line}` : line));

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
 * @param {ReturnType<typeof createStopper>} stopper
 * @param {{ ctrlC: Promise<void> }} signals
 */
async function runDemo(stopper, signals) {
	if (!fs.existsSync(path.join(REPO_ROOT, 'dist'))) {
		throw new Error('dist/ is missing: run `npm run build` first (`npm run demo` does).');
	}
	/** @type {Array<[string, number]>} */
	const stages = [];
	/**
	 * @template T
	 * @param {string} name
	 * @param {() => Promise<T>} work
	 * @returns {Promise<T>}
	 */
	const stage = async (name, work) => {
		const at = Date.now();
		const result = await work();
		stages.push([name, Date.now() - at]);
		return result;
	};

	say('IdP → MFA sync demo: sandbox Okta and Duo, a real n8n with this package, on 127.0.0.1 only');
	say();
	const cached = isInstallCached();
	if (!cached) say('Installing Node 24 and n8n 2.41.1 into ~/.cache (once; a few minutes)…');
	const install = await stage(`n8n install (${cached ? 'cached' : 'cold'})`, () =>
		ensureN8nInstall({ onOutput: (chunk) => !cached && process.stderr.write(chunk) }),
	);

	const ports = {
		okta: await portFor(PREFERRED_PORTS.okta),
		duo: await portFor(PREFERRED_PORTS.duo),
	};
	const { okta, duo } = await stage('sandbox Okta and Duo', async () => {
		const oktaServer = await startFakeOkta({ ...oktaDirectory(), port: ports.okta });
		stopper.add('sandbox Okta', () => oktaServer.close());
		const duoServer = await startFakeDuo({ seed: duoAccount(), port: ports.duo });
		stopper.add('sandbox Duo', () => duoServer.close());
		return { okta: oktaServer, duo: duoServer };
	});
	say(
		`Sandbox Okta  ${okta.url}  (${okta.state.users.size} users, ${okta.state.groups.size} groups)`,
	);
	say(`Sandbox Duo   ${duo.url}  (${duo.state.users.size} users, ${duo.state.groups.size} groups)`);

	const tarball = await stage('npm pack', () => packPackage(REPO_ROOT));
	stopper.add('packed tarball', () =>
		fs.rmSync(path.dirname(tarball), { recursive: true, force: true }),
	);

	const entries = loadSampleWorkflows();
	const samples = entries.map((entry) => entry.workflow);
	const lifecycle = entries.find((entry) => entry.file === ONE_NODE_SAMPLE)?.workflow;
	const errorWorkflow = samples.find(
		(workflow) => workflow.id === lifecycle?.settings?.errorWorkflow,
	);
	if (!lifecycle || !errorWorkflow) {
		throw new Error(`examples/ lacks ${ONE_NODE_SAMPLE} or the error workflow it names`);
	}
	const n8nPort = await portFor(PREFERRED_PORTS.n8n);
	say(
		`Starting n8n ${install.n8nVersion} on Node ${install.nodeVersion} (SQLite) with ${samples.length} sample workflows…`,
	);
	const n8n = await stage('n8n import and start', () =>
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
		if (left.length > 0)
			throw new Error(`n8n processes still running: ${left.map((p) => p.pid).join(', ')}`);
	});

	const url = n8n.webhookUrl(triggerWebhookPath(lifecycle));
	const hook = await stage('publish (automatic hook registration)', async () => {
		await connectN8nApiCredential(n8n, samples);
		await n8n.publish(errorWorkflow.id);
		await n8n.publish(lifecycle.id);
		const [created] = hooksFor(okta, url);
		if (!created) throw new Error('Publishing did not create the Okta event hook');
		return created;
	});
	say();
	say(`Published "${lifecycle.name}"`);
	say(
		`  automatic registration created Okta event hook ${hook.id}: ${hook.status}, ${hook.verificationStatus}`,
	);
	say(`  production URL ${url}`);
	say(
		`Published "${errorWorkflow.name}" (failed events go to the data table failed_identity_events)`,
	);

	const before = duo.snapshot();
	const triggerName = lifecycle.nodes.find((node) => node.type === TRIGGER_TYPE)?.name ?? '';
	const duoName = lifecycle.nodes.find((node) => node.type === DUO_TYPE)?.name ?? '';
	say();
	say(
		'Okta events, sent the way Okta delivers them (POST with the hook secret, one retry on 5xx):',
	);
	await stage('sample events', async () => {
		let count = 0;
		for (const sample of DEMO_EVENTS) {
			sample.prepare?.(okta);
			const events = sample.events();
			const response = await okta.deliver(
				hook.id,
				oktaDelivery({ orgUrl: okta.url, hookId: hook.id }, events),
			);
			count += 1;
			const executions = await n8n.waitForExecutions(lifecycle.id, count);
			const execution = executions[executions.length - 1];
			say(`  ${sample.title}`);
			say(
				`    ${events.map((event) => event.eventType).join(', ')} → HTTP ${response.status}, execution ${execution.id} ${execution.status}`,
			);
			const lines = actionLines(
				executionItems(execution, duoName),
				executionItems(execution, triggerName),
			);
			for (const line of indent(lines, '      Duo: ')) say(line);
		}
	});

	say();
	say('Sandbox Duo, before → after (+ created, - deleted, ~ changed):');
	for (const line of indent(duoChanges(before, duo.snapshot()), '  ')) say(line);

	const memory = n8n.memoryUsage();
	say();
	say('Timings:');
	for (const [name, ms] of stages) say(`  ${name.padEnd(40)} ${seconds(ms).padStart(8)}`);
	say(
		`  n8n: package install ${seconds(n8n.timings.packageInstallMs)}, import ${seconds(n8n.timings.importMs)}, start to ready ${seconds(n8n.timings.startMs)}`,
	);
	say(
		`  n8n memory (main + task runner): ${megabytes(memory.rssBytes)} now, ${megabytes(memory.peakRssBytes)} peak`,
	);

	say();
	say(`n8n       ${n8n.baseUrl}   login ${n8n.login.email} / ${n8n.login.password}`);
	say(`          workflows: ${samples.map((workflow) => `"${workflow.name}"`).join(', ')}`);
	say(
		'          credentials "Okta (sandbox)" and "Duo Security (sandbox)" point at the sandbox servers above',
	);
	say();
	for (const line of realOktaGuide(n8n.baseUrl, triggerWebhookPath(lifecycle))) say(line);
	say();
	say(
		'Press Ctrl-C to stop n8n and the sandbox servers (the n8n folder is temporary and removed).',
	);
	await signals.ctrlC;
}

/** @param {string} baseUrl @param {string} webhookPath */
function realOktaGuide(baseUrl, webhookPath) {
	return [
		'Point a real Okta org at n8n:',
		'  1. Okta must reach n8n over HTTPS. Run your n8n behind a public host (reverse proxy or tunnel) and set',
		'     N8N_WEBHOOK_URL=https://<public host>/ so n8n builds its webhook URLs from it. The production URL',
		`     is then https://<public host>/webhook/${webhookPath} (here: ${baseUrl}/webhook/${webhookPath}).`,
		'     Use the production URL, not /webhook-test/…: the test URL only listens while the editor waits for a test event.',
		'  2. Credential "Okta IdP Sync API": Org URL https://<your-org>.okta.com, an API token (Security → API → Tokens)',
		'     of an admin who may manage event hooks and read users and groups, and an Event Hook Secret (a long random string).',
		'     Credential "Duo Security Admin API": integration key, secret key and API hostname (api-xxxxxxxx.duosecurity.com)',
		'     of an Admin API application with "Grant read resource" and "Grant write resource".',
		'  3. Registration (a trigger parameter):',
		'     - Automatic (the samples): publishing the workflow creates, verifies and activates the Okta event hook',
		'       with a generated secret; unpublishing deactivates and deletes it.',
		'     - Manual: in Okta, Workflow → Event Hooks → Create: the production URL, header Authorization = the',
		"       credential's Event Hook Secret, the event types listed in the README; then Verify.",
		'  This demo runs against sandboxes in a temporary n8n; install the package into your own n8n (Community Nodes',
		'  panel or ~/.n8n/nodes) and import the examples/ workflows for a lasting setup.',
	];
}

async function main() {
	const stopper = createStopper();
	/** @type {() => void} */
	let onCtrlC = () => undefined;
	/** @type {Promise<void>} */
	const ctrlC = new Promise((resolve) => (onCtrlC = () => resolve(undefined)));
	for (const signal of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
		process.on(signal, () => onCtrlC());
	}
	let code = 0;
	const demo = runDemo(stopper, { ctrlC });
	try {
		await Promise.race([demo, ctrlC]);
	} catch (error) {
		process.stderr.write(`\nThe demo stopped: ${error instanceof Error ? error.message : error}\n`);
		code = 1;
	}
	say('\nStopping…');
	// A step still starting (n8n start-up, for example) either finishes and registers its stop, or fails.
	await Promise.race([
		demo.catch(() => undefined),
		new Promise((resolve) => setTimeout(resolve, SETTLE_AFTER_CTRL_C_MS).unref()),
	]);
	await stopper.stopAll();
	say('Stopped n8n (and its task runner) and the sandbox servers; removed the temporary files.');
	process.exit(code);
}

main();
