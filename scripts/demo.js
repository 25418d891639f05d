#!/usr/bin/env node
'use strict';

/**
 * `npm run demo`: builds the package, then a sandbox Okta and Duo on 127.0.0.1, a real n8n 2.41.1 with
 * this package installed from its packed tarball, every sample workflow and sandbox credentials.
 * Publishes the one-node Okta → Duo workflow (automatic registration creates the Okta event hook),
 * sends a few Okta events through the sandbox Okta, prints what changed in the sandbox Duo and how
 * to connect a real Okta org, then runs until Ctrl-C and stops everything it started. One line per
 * stage; build, npm and compiler output go to a log file.
 */

const fs = require('node:fs');
const path = require('node:path');

const { createProgress } = require('./demo/progress');
const { duoChanges } = require('./demo/report');
const {
	CACHE_DIR,
	SETUP_STAGES,
	createStopper,
	sendSampleDeliveries,
	startSandboxRun,
	triggerWebhookPath,
} = require('./demo/sandboxRun');

/** How long Ctrl-C waits for a start-up step in flight before stopping what exists. */
const SETTLE_AFTER_CTRL_C_MS = 15_000;

const seconds = (/** @type {number} */ ms) => `${(ms / 1000).toFixed(1)} s`;
const megabytes = (/** @type {number} */ bytes) => `${Math.round(bytes / 1024 / 1024)} MB`;
const say = (/** @type {string} */ text = '') => process.stdout.write(`${text}\n`);

/**
 * @param {ReturnType<typeof createStopper>} stopper
 * @param {{ ctrlC: Promise<void> }} signals
 */
async function runDemo(stopper, signals) {
	fs.mkdirSync(CACHE_DIR, { recursive: true });
	const logFile = path.join(CACHE_DIR, 'demo.log');
	fs.writeFileSync(logFile, `npm run demo, ${new Date().toISOString()}\n`);
	const toLog = (/** @type {string} */ chunk) => fs.appendFileSync(logFile, chunk);
	const progress = createProgress({ total: SETUP_STAGES + 1 });

	say('IdP → MFA sync demo: sandbox Okta and Duo, a real n8n with this package, on 127.0.0.1 only');
	say(`Build, npm and compiler output: ${logFile}`);
	say();
	const run = await startSandboxRun({ stopper, stage: progress.run, toLog });
	const { okta, duo, n8n, samples, lifecycle, errorWorkflow, url, hook } = run;
	const before = duo.snapshot();
	const { report } = await progress.run({ label: 'Sample Okta deliveries sent and applied' }, () =>
		sendSampleDeliveries(run),
	);

	say();
	say(`Sandbox Okta  ${okta.url}  (${okta.state.users.size} users, ${okta.state.groups.size} groups)`);
	say(`Sandbox Duo   ${duo.url}  (${duo.state.users.size} users, ${duo.state.groups.size} groups)`);
	say(`Published "${lifecycle.name}"`);
	say(`  automatic registration created Okta event hook ${hook.id}: ${hook.status}, ${hook.verificationStatus}`);
	say(`  production URL ${url}`);
	say(`Published "${errorWorkflow.name}" (failed events go to the data table failed_identity_events)`);
	say();
	say('Okta events, sent the way Okta delivers them (POST with the hook secret, one retry on 5xx):');
	for (const line of report) say(line);
	say();
	say('Sandbox Duo, before → after (+ created, - deleted, ~ changed):');
	for (const line of duoChanges(before, duo.snapshot())) say(line ? `  ${line}` : line);

	const memory = n8n.memoryUsage();
	say();
	say(
		`n8n: package install ${seconds(n8n.timings.packageInstallMs)}, import ${seconds(n8n.timings.importMs)}, start to ready ${seconds(n8n.timings.startMs)}; memory (main + task runner) ${megabytes(memory.rssBytes)} now, ${megabytes(memory.peakRssBytes)} peak`,
	);
	say(`n8n       ${n8n.baseUrl}   login ${n8n.login.email} / ${n8n.login.password}`);
	say(`          workflows: ${samples.map((workflow) => `"${workflow.name}"`).join(', ')}`);
	say('          credentials "Okta (sandbox)" and "Duo Security (sandbox)" point at the sandbox servers above');
	say();
	for (const line of realOktaGuide(n8n.baseUrl, triggerWebhookPath(lifecycle))) say(line);
	say();
	say('Press Ctrl-C to stop n8n and the sandbox servers (the n8n folder is temporary and removed).');
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
		'       with a secret derived from the credential; unpublishing deactivates and deletes it.',
		'     - Manual: in Okta, Workflow → Event Hooks → Create: the production URL, header Authorization = the',
		"       credential's Event Hook Secret, the Okta event types the trigger's notice lists; then Verify.",
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
