'use strict';

const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const INSTALL_SCRIPT = path.join(__dirname, 'install-n8n.sh');

/**
 * @typedef {object} N8nInstall
 * @property {string} cacheDir     folder install-n8n.sh installed into
 * @property {string} nodeHome     Node 24 distribution (bin/, include/)
 * @property {string} nodeBin      the Node 24 binary n8n runs on
 * @property {string} n8nHome      folder whose node_modules holds n8n and its dependencies
 * @property {string} n8nBin       n8n's CLI entry (run it with nodeBin)
 * @property {string} n8nVersion
 * @property {string} nodeVersion
 */

/** @param {NodeJS.ProcessEnv} env */
function cacheDirOf(env) {
	return env.IDP_MFA_SYNC_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-idp-mfa-sync');
}

/**
 * Whether n8n is installed already (install-n8n.sh then only checks which Node 24 to use).
 * @param {NodeJS.ProcessEnv} [env]
 */
function isInstallCached(env = process.env) {
	return fs.existsSync(path.join(cacheDirOf(env), `n8n-${env.N8N_VERSION || '2.41.1'}`, '.complete'));
}

/**
 * Runs install-n8n.sh (quick when the cache is complete) and returns where things are. The script's
 * progress goes to `onOutput`; by default to `<cache>/install.log`, announced on stderr when the
 * install is not cached.
 * @param {{ env?: NodeJS.ProcessEnv, onOutput?: (chunk: string) => void }} [options]
 * @returns {Promise<N8nInstall>}
 */
function ensureN8nInstall(options = {}) {
	const env = { ...process.env, ...options.env };
	let onOutput = options.onOutput;
	if (!onOutput) {
		const logFile = path.join(cacheDirOf(env), 'install.log');
		fs.mkdirSync(path.dirname(logFile), { recursive: true });
		if (!isInstallCached(env)) {
			process.stderr.write(
				`Installing Node 24 and n8n ${env.N8N_VERSION || '2.41.1'} into ${cacheDirOf(env)} (first run only); output in ${logFile}\n`,
			);
		}
		onOutput = (chunk) => fs.appendFileSync(logFile, chunk);
	}
	const output = onOutput;
	return new Promise((resolve, reject) => {
		const child = spawn('bash', [INSTALL_SCRIPT], { env, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => output(String(chunk)));
		child.on('error', reject);
		child.on('close', (code) => {
			if (code !== 0) {
				reject(new Error(`install-n8n.sh exited with code ${code}`));
				return;
			}
			const lines = stdout.trim().split('\n');
			const cacheDir = lines[lines.length - 1] ?? '';
			const nodeHome = (lines.find((line) => line.startsWith('NODE24_HOME=')) ?? '').slice('NODE24_HOME='.length);
			const nodeBin = path.join(nodeHome, 'bin', 'node');
			const n8nVersion = env.N8N_VERSION || '2.41.1';
			const n8nHome = path.join(cacheDir, `n8n-${n8nVersion}`);
			resolve({
				cacheDir,
				nodeHome,
				nodeBin,
				n8nHome,
				n8nBin: path.join(n8nHome, 'node_modules', 'n8n', 'bin', 'n8n'),
				n8nVersion,
				nodeVersion: execFileSync(nodeBin, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim(),
			});
		});
	});
}

module.exports = { ensureN8nInstall, isInstallCached };
