#!/usr/bin/env node
'use strict';

/**
 * `npm run screenshots`: the demo's sandbox (built package, cached n8n 2.41.1, sample workflows, sandbox
 * Okta and Duo, sample deliveries applied), then headless Chromium takes what a new user sees into
 * docs/screenshots/:
 *   node-panel-okta.png   the node panel searched for "Okta"
 *   node-panel-duo.png    the node panel searched for "Duo"
 *   trigger-panel.png     the IdP Event Trigger's panel (Identity Provider selector, credential, Trigger On)
 *   duo-output.png        a Duo node's output in an execution of the Okta → Duo sample
 *   visual-sample.png     the visual sample's canvas (Switch outputs and subtitles)
 * Needs Debian's chromium (`apt-get install chromium`) and Node 22 or newer for its WebSocket; under an
 * older Node it runs itself again on the cached Node 24.
 */

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const OUT = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');

async function reRunOnNode24() {
	const { ensureN8nInstall } = require('../e2e/install');
	const install = await ensureN8nInstall();
	const result = spawnSync(install.nodeBin, [__filename, ...process.argv.slice(2)], { stdio: 'inherit' });
	process.exit(result.status ?? 1);
}

/** @param {string} label @param {number} started */
const done = (label, started) => process.stdout.write(`${label} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);

async function main() {
	if (typeof WebSocket === 'undefined') return reRunOnNode24();
	const { launchChromium } = require('./chromium');
	const { CACHE_DIR, createStopper, sendSampleDeliveries, startSandboxRun } = require('../demo/sandboxRun');

	const logFile = path.join(CACHE_DIR, 'screenshots.log');
	fs.mkdirSync(CACHE_DIR, { recursive: true });
	fs.writeFileSync(logFile, `npm run screenshots, ${new Date().toISOString()}\n`);
	process.stdout.write(`Build, npm and compiler output: ${logFile}\n`);
	const stopper = createStopper();
	try {
		const run = await startSandboxRun({
			stopper,
			stage: async (spec, work) => {
				const started = Date.now();
				const result = await work();
				done(spec.doneLabel ? spec.doneLabel(result) : spec.label, started);
				return result;
			},
			toLog: (chunk) => fs.appendFileSync(logFile, chunk),
			ports: { n8n: 5690, okta: 5691, duo: 5692 },
		});
		const { executions } = await sendSampleDeliveries(run);
		const browser = await launchChromium();
		stopper.add('Chromium', () => browser.close());
		await shoot(browser, run, executions);
		process.stdout.write(`Screenshots in ${OUT}\n`);
	} finally {
		await stopper.stopAll();
	}
}

/**
 * @param {Awaited<ReturnType<typeof import('./chromium').launchChromium>>} browser
 * @param {Awaited<ReturnType<typeof import('../demo/sandboxRun').startSandboxRun>>} run
 * @param {any[]} executions
 */
async function shoot(browser, run, executions) {
	const { n8n, lifecycle, samples } = run;
	const file = (/** @type {string} */ name) => path.join(OUT, name);
	const visible = (/** @type {string} */ selector) =>
		`!!document.querySelector(${JSON.stringify(selector)}) && document.querySelector(${JSON.stringify(selector)}).getBoundingClientRect().width > 0`;
	const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

	await browser.goto(`${n8n.baseUrl}/signin`);
	await browser.click('input[name="emailOrLdapLoginId"]');
	await browser.type(n8n.login.email);
	await browser.click('input[name="password"]');
	await browser.type(n8n.login.password);
	await browser.press('Enter');
	await browser.waitFor('!location.pathname.startsWith("/signin")', 'the sign-in to finish');

	const canvas = '[data-test-id="canvas"]';
	for (const [query, name] of [
		['Okta', 'node-panel-okta.png'],
		['Duo', 'node-panel-duo.png'],
	]) {
		await browser.goto(`${n8n.baseUrl}/workflow/${lifecycle.id}`);
		await browser.waitFor(visible(canvas), 'the canvas');
		await settle();
		await browser.click('[data-test-id="node-creator-plus-button"]');
		await browser.waitFor(visible('[data-test-id="node-creator"]'), 'the node panel');
		await browser.type(query);
		await settle();
		await browser.screenshot(file(name));
	}

	const trigger = lifecycle.nodes.find((node) => node.type.endsWith('.idpEventTrigger'));
	await browser.goto(`${n8n.baseUrl}/workflow/${lifecycle.id}/${trigger.id}`);
	await browser.waitFor(visible('[data-test-id="ndv"]'), "the trigger's panel");
	await settle();
	await browser.screenshot(file('trigger-panel.png'));

	const duoNode = lifecycle.nodes.find((node) => node.type.endsWith('.duoSecurity'));
	const execution = executions.find((entry) => entry.status === 'success') ?? executions[0];
	await browser.goto(`${n8n.baseUrl}/workflow/${lifecycle.id}/executions/${execution.id}/${duoNode.id}`);
	await browser.waitFor(
		`[...document.querySelectorAll('iframe')].some((frame) => frame.contentDocument?.querySelector('[data-test-id="ndv"]')) || ${visible('[data-test-id="ndv"]')}`,
		"the Duo node's output",
	);
	await settle();
	await browser.screenshot(file('duo-output.png'));

	const visual = samples.find((workflow) => /one branch per event type/.test(workflow.name));
	await browser.goto(`${n8n.baseUrl}/workflow/${visual.id}`);
	await browser.waitFor(visible(canvas), 'the visual sample');
	await settle();
	await browser.screenshot(file('visual-sample.png'));
}

main().catch((error) => {
	process.stderr.write(`Screenshots failed: ${error instanceof Error ? error.stack : error}\n`);
	process.exit(1);
});
