#!/usr/bin/env node
'use strict';

/**
 * `npm run test:e2e`: installs n8n (cached), packs the already built package once, runs the
 * real-n8n jest suite (jest.e2e.config.js) against that tarball, and prints stage timings and
 * n8n's peak memory. Extra arguments go to jest, e.g. `npm run test:e2e -- -t "automatic"`.
 */

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { ensureN8nInstall, isInstallCached } = require('./install');
const { SUMMARY_FILE_ENV } = require('../jest/summaryReporter');
const { METRICS_ENV, readMetrics } = require('./metrics');
const { TARBALL_ENV, packPackage } = require('./n8nInstance');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const SUMMARY_FILE = path.join(REPO_ROOT, '.e2e', 'e2e-metrics.json');

const seconds = (/** @type {number} */ ms) => `${(ms / 1000).toFixed(1)} s`;
const megabytes = (/** @type {number} */ bytes) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** @param {string[]} args @param {NodeJS.ProcessEnv} env @returns {Promise<number>} */
function runJest(args, env) {
	return new Promise((resolve, reject) => {
		const child = spawn(
			process.execPath,
			[require.resolve('jest/bin/jest'), '-c', 'jest.e2e.config.js', '--runInBand', ...args],
			{ cwd: REPO_ROOT, env, stdio: 'inherit' },
		);
		child.on('error', reject);
		child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
	});
}

async function main() {
	if (!fs.existsSync(path.join(REPO_ROOT, 'dist'))) {
		console.error('dist/ is missing: run `npm run build` before `npm run test:e2e`.');
		return 1;
	}
	const started = Date.now();
	const stages = /** @type {{ name: string, ms: number }[]} */ ([]);
	const stage = async (/** @type {string} */ name, /** @type {() => Promise<any>} */ work) => {
		const at = Date.now();
		const result = await work();
		stages.push({ name, ms: Date.now() - at });
		return result;
	};

	const cached = isInstallCached();
	const install = await stage(`install (${cached ? 'cached' : 'cold'})`, () => ensureN8nInstall());
	const tarball = await stage('pack', () => packPackage(REPO_ROOT));
	const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-mfa-sync-e2e-'));
	const metricsFile = path.join(scratch, 'metrics.jsonl');
	const summaryFile = path.join(scratch, 'summary.txt');
	let code = 1;
	try {
		code = await stage('tests (jest, including n8n start-ups)', () =>
			runJest(process.argv.slice(2), {
				...process.env,
				[TARBALL_ENV]: tarball,
				[METRICS_ENV]: metricsFile,
				[SUMMARY_FILE_ENV]: summaryFile,
			}),
		);
	} finally {
		const runs = readMetrics(metricsFile);
		const summary = fs.existsSync(summaryFile)
			? fs.readFileSync(summaryFile, 'utf8')
			: `e2e: jest ended without a result (exit code ${code})`;
		fs.rmSync(scratch, { recursive: true, force: true });
		fs.rmSync(path.dirname(tarball), { recursive: true, force: true });

		console.log(
			`\nReal-n8n e2e: n8n ${install.n8nVersion} on Node ${install.nodeVersion}, SQLite (queue mode: PostgreSQL + Redis)`,
		);
		for (const { name, ms } of stages)
			console.log(`  ${name.padEnd(42)} ${seconds(ms).padStart(8)}`);
		for (const run of runs) {
			const services =
				run.servicesMs === undefined ? '' : `PostgreSQL + Redis ${seconds(run.servicesMs)}, `;
			console.log(
				`  n8n start [${run.label}]: ${services}package install ${seconds(run.packageInstallMs)}, import ${seconds(run.importMs)}, start to ready ${seconds(run.startMs)}, API key ${seconds(run.apiKeyMs)}`,
			);
		}
		console.log(`  ${'total'.padEnd(42)} ${seconds(Date.now() - started).padStart(8)}`);
		for (const run of runs) {
			console.log(
				`  n8n peak RSS [${run.label}] (n8n processes + task runners): ${megabytes(run.peakRssBytes)}`,
			);
		}
		fs.mkdirSync(path.dirname(SUMMARY_FILE), { recursive: true });
		fs.writeFileSync(
			SUMMARY_FILE,
			JSON.stringify(
				{ n8n: install.n8nVersion, node: install.nodeVersion, stages, runs, exitCode: code },
				null,
				2,
			),
		);
		console.log(summary);
	}
	return code;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
