'use strict';

/**
 * A real n8n 2.41.1 (Node 24, SQLite) with this package installed from its packed tarball, the way
 * a user installs a community package. Used by the e2e tests, the benchmarks and `npm run demo`.
 *
 * n8n reaches fake servers on 127.0.0.1 because SSRF protection stays off: it is off by default in
 * n8n 2.x and n8nEnvironment.js sets N8N_SSRF_PROTECTION_ENABLED=false explicitly. Users who turn
 * it on must allow their IdP and Duo hosts (N8N_SSRF_ALLOWED_HOSTNAMES / N8N_SSRF_ALLOWED_IP_RANGES).
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { freePort } = require('./http');
const { ensureN8nInstall } = require('./install');
const { recordMetrics, stopwatch } = require('./metrics');
const { createHandle, executionItems } = require('./n8nHandle');
const { n8nEnvironment } = require('./n8nEnvironment');
const { importIntoN8n } = require('./n8nImport');
const { isN8nReady, ownerSessionWithApiKey } = require('./n8nSession');
const { TARBALL_ENV, installTarball, packPackage, packedPackage } = require('./packing');
const { processFamily } = require('./processTree');
const { run } = require('./runCommand');
const { startServerProcess, waitUntilReady } = require('./serverProcess');

const DEFAULT_LOGIN = { email: 'owner@example.com', password: 'Sandbox-Owner-Passw0rd' };

/**
 * @typedef {object} StartOptions
 * @property {string} [tarball]                the packed package (packPackage), installed as a manual install does
 * @property {(n8nFolder: string) => Promise<void>} [installPackage]  puts the package in place instead of the tarball
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
	if (!options || (!options.tarball && !options.installPackage)) {
		throw new Error('startN8n needs the packed tarball or an installPackage step');
	}
	const { timings, lap } = stopwatch();

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
	if (options.installPackage) await options.installPackage(n8nFolder);
	else await installTarball(path.resolve(/** @type {string} */ (options.tarball)), path.join(n8nFolder, 'nodes'));
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

	await importIntoN8n(cli, path.join(userFolder, 'import'), options);
	lap('importMs');

	const server = startServerProcess({
		command: install.nodeBin,
		args: [install.n8nBin, 'start'],
		cwd: userFolder,
		env,
		logFile: path.join(userFolder, 'n8n.log'),
		onLog: options.onLog,
		removeFiles: ownsUserFolder
			? () => fs.rmSync(userFolder, { recursive: true, force: true })
			: undefined,
	});
	const { pid } = server;

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
		await server.stop();
		recordMetrics({ label: options.label ?? 'n8n', ...timings, peakRssBytes });
	}

	try {
		await waitUntilReady(
			server,
			'n8n',
			() => isN8nReady(baseUrl),
			options.startTimeoutMs ?? 120_000,
		);
		lap('startMs');
		const { session, apiKey } = await ownerSessionWithApiKey(baseUrl, login);
		lap('apiKeyMs');

		return createHandle({
			baseUrl,
			login,
			apiKey,
			session,
			userFolder,
			logFile: server.logFile,
			timings,
			pid,
			peakRssBytes: () => Math.max(peakRssBytes, sampleMemory()),
			logs: server.logs,
			stop,
		});
	} catch (error) {
		const logs = server.logs();
		await stop();
		/** @type {Error} */ (error).message += `\n--- n8n output ---\n${logs.slice(-20_000)}`;
		throw error;
	}
}

module.exports = {
	DEFAULT_LOGIN,
	TARBALL_ENV,
	packPackage,
	packedPackage,
	startN8n,
	ensureN8nInstall,
	freePort,
	executionItems,
};
