'use strict';

/**
 * A real n8n 2.41.1 (Node 24, SQLite) with this package installed from its packed tarball, the way
 * a user installs a community package. Used by the e2e tests, the benchmarks and `npm run demo`.
 *
 * n8n reaches fake servers on 127.0.0.1 because SSRF protection stays off: it is off by default in
 * n8n 2.x and n8nEnvironment.js sets N8N_SSRF_PROTECTION_ENABLED=false explicitly. Users who turn
 * it on must allow their IdP and Duo hosts (N8N_SSRF_ALLOWED_HOSTNAMES / N8N_SSRF_ALLOWED_IP_RANGES).
 */

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { delay, freePort, http } = require('./http');
const { ensureN8nInstall } = require('./install');
const { recordMetrics } = require('./metrics');
const { createHandle, executionItems } = require('./n8nHandle');
const { n8nEnvironment } = require('./n8nEnvironment');
const { TARBALL_ENV, installTarball, packPackage, packedPackage } = require('./packing');
const { processFamily, signalFamily } = require('./processTree');
const { run } = require('./runCommand');

const DEFAULT_LOGIN = { email: 'owner@example.com', password: 'Sandbox-Owner-Passw0rd' };
const LOG_LIMIT_CHARS = 4 * 1024 * 1024;

/** @type {Set<() => void>} */
const runningKillers = new Set();
let exitHooksInstalled = false;

/** Kills every started n8n when this process ends, so nothing outlives a crashed test run. */
function installExitHooks() {
	if (exitHooksInstalled) return;
	exitHooksInstalled = true;
	process.on('exit', () => {
		for (const kill of runningKillers) kill();
	});
	for (const signal of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
		const onSignal = () => {
			for (const kill of runningKillers) kill();
			// Keep the default behaviour (exit) unless someone else also handles the signal.
			if (process.listenerCount(signal) === 1) {
				process.removeListener(signal, onSignal);
				process.kill(process.pid, signal);
			}
		};
		process.on(signal, onSignal);
	}
}

/**
 * @typedef {object} StartOptions
 * @property {string} tarball                  the packed package (packPackage)
 * @property {object[]} [workflows]            workflow JSON objects to import (inactive)
 * @property {{ id: string, name: string, type: string, data: Record<string, unknown> }[]} [credentials]
 * @property {number} [port]                   defaults to a free port
 * @property {string} [userFolder]             defaults to a new temporary folder, removed on stop()
 * @property {Record<string, string>} [env]    extra n8n environment variables
 * @property {{ email: string, password: string }} [login]
 * @property {string} [label]                  names this run in the metrics file
 * @property {number} [startTimeoutMs]
 * @property {(line: string) => void} [onLog]  receives n8n's output as it arrives
 */

/**
 * Installs (cached), imports, starts n8n and returns a handle to drive it.
 * @param {StartOptions} options
 */
async function startN8n(options) {
	if (!options || !options.tarball) throw new Error('startN8n needs the packed tarball');
	const timings = /** @type {Record<string, number>} */ ({});
	let mark = Date.now();
	const lap = (/** @type {string} */ name) => {
		const now = Date.now();
		timings[name] = now - mark;
		mark = now;
	};

	const install = await ensureN8nInstall();
	lap('ensureInstallMs');

	const ownsUserFolder = !options.userFolder;
	const userFolder =
		options.userFolder ?? fs.mkdtempSync(path.join(os.tmpdir(), 'idp-mfa-sync-n8n-'));
	try {
		return await prepareAndStart(options, install, userFolder, ownsUserFolder, timings, lap);
	} catch (error) {
		if (ownsUserFolder && process.env.IDP_MFA_SYNC_KEEP_N8N !== '1') {
			fs.rmSync(userFolder, { recursive: true, force: true });
		}
		throw error;
	}
}

/**
 * @param {StartOptions} options
 * @param {import('./install').N8nInstall} install
 * @param {string} userFolder
 * @param {boolean} ownsUserFolder
 * @param {Record<string, number>} timings
 * @param {(name: string) => void} lap
 */
async function prepareAndStart(options, install, userFolder, ownsUserFolder, timings, lap) {
	const n8nFolder = path.join(userFolder, '.n8n');
	await installTarball(path.resolve(options.tarball), path.join(n8nFolder, 'nodes'));
	lap('packageInstallMs');

	const login = options.login ?? DEFAULT_LOGIN;
	const bcrypt = require(path.join(install.n8nHome, 'node_modules', 'bcryptjs'));
	const port = options.port ?? (await freePort());
	const brokerPort = await freePort();
	const env = n8nEnvironment(
		install,
		userFolder,
		port,
		brokerPort,
		bcrypt.hashSync(login.password, 10),
		login.email,
		options.env ?? {},
	);
	const cli = (/** @type {string[]} */ args) =>
		run(install.nodeBin, [install.n8nBin, ...args], { cwd: userFolder, env });

	const importDir = path.join(userFolder, 'import');
	fs.mkdirSync(importDir, { recursive: true });
	if (options.credentials?.length) {
		const file = path.join(importDir, 'credentials.json');
		fs.writeFileSync(file, JSON.stringify(options.credentials, null, 2));
		const output = await cli(['import:credentials', `--input=${file}`]);
		if (!/Successfully imported/.test(output)) {
			throw new Error(`n8n did not import the credentials:\n${output}`);
		}
	}
	if (options.workflows?.length) {
		const file = path.join(importDir, 'workflows.json');
		fs.writeFileSync(file, JSON.stringify(options.workflows, null, 2));
		const output = await cli(['import:workflow', `--input=${file}`]);
		if (!/Successfully imported/.test(output)) {
			throw new Error(`n8n did not import the workflows:\n${output}`);
		}
	}
	lap('importMs');

	const logFile = path.join(userFolder, 'n8n.log');
	const logStream = fs.createWriteStream(logFile);
	let logText = '';
	const child = spawn(install.nodeBin, [install.n8nBin, 'start'], {
		cwd: userFolder,
		env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const pid = /** @type {number} */ (child.pid);
	const onOutput = (/** @type {Buffer} */ chunk) => {
		const text = String(chunk);
		logStream.write(text);
		logText = (logText + text).slice(-LOG_LIMIT_CHARS);
		options.onLog?.(text);
	};
	child.stdout.on('data', onOutput);
	child.stderr.on('data', onOutput);
	let exited = false;
	const exitPromise = new Promise((resolve) =>
		child.on('exit', (code, signal) => {
			exited = true;
			resolve({ code, signal });
		}),
	);
	const killNow = () => {
		signalFamily(pid, 'SIGKILL');
		if (ownsUserFolder && process.env.IDP_MFA_SYNC_KEEP_N8N !== '1') {
			fs.rmSync(userFolder, { recursive: true, force: true });
		}
	};
	runningKillers.add(killNow);
	installExitHooks();

	let peakRssBytes = 0;
	const sampleMemory = () => {
		const rss = processFamily(pid).reduce((sum, info) => sum + info.rssBytes, 0);
		peakRssBytes = Math.max(peakRssBytes, rss);
		return rss;
	};
	const sampler = setInterval(sampleMemory, 500);
	sampler.unref();

	const baseUrl = `http://127.0.0.1:${port}`;
	let stopped = false;

	async function stop() {
		if (stopped) return;
		stopped = true;
		clearInterval(sampler);
		signalFamily(pid, 'SIGTERM');
		let timer;
		const graceful = await Promise.race([
			exitPromise.then(() => true),
			new Promise((resolve) => (timer = setTimeout(resolve, 10_000, false))),
		]);
		clearTimeout(timer);
		if (!graceful) signalFamily(pid, 'SIGKILL');
		for (let i = 0; i < 50 && processFamily(pid).length > 0; i++) {
			signalFamily(pid, 'SIGKILL');
			await delay(100);
		}
		runningKillers.delete(killNow);
		await new Promise((resolve) => logStream.end(resolve));
		recordMetrics({
			label: options.label ?? 'n8n',
			...timings,
			peakRssBytes,
		});
		if (ownsUserFolder && process.env.IDP_MFA_SYNC_KEEP_N8N !== '1') {
			fs.rmSync(userFolder, { recursive: true, force: true });
		}
	}

	try {
		const deadline = Date.now() + (options.startTimeoutMs ?? 120_000);
		for (;;) {
			if (exited) throw new Error('n8n exited during start-up');
			if (Date.now() > deadline) throw new Error('n8n did not become ready in time');
			try {
				const ready = await http(`${baseUrl}/healthz/readiness`);
				if (ready.status === 200) break;
			} catch {
				// Not listening yet.
			}
			await delay(200);
		}
		lap('startMs');

		const browserId = 'idp-mfa-sync-e2e';
		const signIn = await http(`${baseUrl}/rest/login`, {
			method: 'POST',
			headers: { 'browser-id': browserId },
			json: { emailOrLdapLoginId: login.email, password: login.password },
		});
		if (signIn.status !== 200) throw new Error(`n8n login failed: ${signIn.status} ${signIn.text}`);
		const cookie = signIn.headers
			.getSetCookie()
			.map((entry) => entry.split(';')[0])
			.join('; ');
		const session = { cookie, 'browser-id': browserId };
		const scopes = await http(`${baseUrl}/rest/api-keys/scopes`, { headers: session });
		if (scopes.status !== 200)
			throw new Error(`n8n API key scopes: ${scopes.status} ${scopes.text}`);
		const created = await http(`${baseUrl}/rest/api-keys`, {
			method: 'POST',
			headers: session,
			json: { label: `e2e-${Date.now()}`, scopes: scopes.json.data, expiresAt: null },
		});
		if (created.status !== 200) throw new Error(`n8n API key: ${created.status} ${created.text}`);
		const apiKey = /** @type {string} */ (created.json.data.rawApiKey);
		lap('apiKeyMs');

		return createHandle({
			baseUrl,
			login,
			apiKey,
			session,
			userFolder,
			logFile,
			timings,
			pid,
			peakRssBytes: () => Math.max(peakRssBytes, sampleMemory()),
			logs: () => logText,
			stop,
		});
	} catch (error) {
		const logs = logText;
		await stop();
		/** @type {Error} */ (error).message += `\n--- n8n output ---\n${logs.slice(-20_000)}`;
		throw error;
	}
}

module.exports = {
	TARBALL_ENV,
	packPackage,
	packedPackage,
	startN8n,
	ensureN8nInstall,
	freePort,
	executionItems,
};
