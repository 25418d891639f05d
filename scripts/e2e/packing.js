'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { run } = require('./runCommand');

/**
 * `npm pack` of an already built repository into a fresh temporary folder. Fails when a file that
 * package.json's `n8n` section registers is not in the tarball (usually: build not run).
 * @param {string} repoRoot
 * @param {{ destination?: string }} [options]
 * @returns {Promise<string>} absolute path of the .tgz
 */
async function packPackage(repoRoot, options = {}) {
	const destination =
		options.destination ?? fs.mkdtempSync(path.join(os.tmpdir(), 'idp-mfa-sync-pack-'));
	fs.mkdirSync(destination, { recursive: true });
	const output = await run(
		'npm',
		['pack', '--json', '--ignore-scripts', '--pack-destination', destination],
		{ cwd: repoRoot, env: { ...process.env, npm_config_update_notifier: 'false' } },
	);
	const [packed] = JSON.parse(output.slice(output.indexOf('[')));
	const files = new Set(packed.files.map((/** @type {{ path: string }} */ file) => file.path));
	const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
	const registered = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	const missing = registered.filter((file) => !files.has(file));
	if (missing.length > 0) {
		throw new Error(
			`The packed tarball lacks files that package.json registers: ${missing.join(', ')}. Run \`npm run build\` first.`,
		);
	}
	return path.join(destination, packed.filename);
}

/** Set by run-e2e.js, which packs once for all e2e files. */
const TARBALL_ENV = 'IDP_MFA_SYNC_TARBALL';
const REPO_ROOT = path.resolve(__dirname, '..', '..');

/**
 * The package to install into n8n: the tarball run-e2e.js packed, or a fresh `npm pack` of this
 * (already built) repository, with a cleanup that removes what this call packed.
 * @returns {Promise<{ tarball: string, cleanup: () => void }>}
 */
async function packedPackage() {
	const given = process.env[TARBALL_ENV];
	if (given) return { tarball: given, cleanup: () => undefined };
	const tarball = await packPackage(REPO_ROOT);
	return {
		tarball,
		cleanup: () => fs.rmSync(path.dirname(tarball), { recursive: true, force: true }),
	};
}

/**
 * Installs the tarball into `<n8nFolder>/nodes/node_modules/` as a manual install would: production
 * dependencies only, no install scripts, peers (n8n-workflow) left to the host.
 * @param {string} tarball
 * @param {string} nodesDir
 */
async function installTarball(tarball, nodesDir) {
	fs.mkdirSync(nodesDir, { recursive: true });
	const manifest = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(manifest)) {
		fs.writeFileSync(manifest, JSON.stringify({ name: 'installed-nodes', private: true }, null, 2));
	}
	await run(
		'npm',
		[
			'install',
			'--ignore-scripts',
			'--omit=dev',
			'--omit=peer',
			'--omit=optional',
			'--legacy-peer-deps',
			'--no-audit',
			'--no-fund',
			'--no-package-lock',
			tarball,
		],
		{ cwd: nodesDir, env: { ...process.env, npm_config_update_notifier: 'false' } },
	);
}

module.exports = { TARBALL_ENV, installTarball, packPackage, packedPackage };
