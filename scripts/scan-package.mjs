#!/usr/bin/env node
/**
 * `npm run scan`: the n8n community-package scanner (@n8n/scan-community-package) run locally.
 * Its CLI only scans packages published to the registry, so this runs its programmatic
 * `analyzePackage` the way `analyzePackageByName` does after provenance and downloads:
 *   - the source leg: this repository with the scanner's SOURCE_FILE_PATTERNS;
 *   - the tarball leg: our `npm pack` output, extracted, with `**\/*.js` + `package.json`.
 * Exits non-zero and prints the findings when either leg has any.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { packPackage } = require('./e2e/n8nInstance.js');

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-mfa-sync-scan-'));
let exitCode = 1;
try {
	const tarball = await packPackage(REPO_ROOT, { destination: path.join(work, 'pack') });
	const packageDir = path.join(work, 'package');
	fs.mkdirSync(packageDir);
	const untar = spawnSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
	if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
	const shipped = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
	const strays = shipped.filter((file) => /(^|\/)(test|sandbox|fixtures|bench|scripts)\/|\.test\.js$/.test(file.replace(/^package\//, '')));
	if (strays.length) throw new Error(`the tarball ships files that are not the package: ${strays.slice(0, 10).join(', ')}`);
	console.log(`  passed: the tarball holds ${shipped.length} files and no tests, fakes, fixtures or scripts`);

	// The scanner makes a temporary folder when it is imported; keep it inside ours.
	const scannerTmp = path.join(work, 'tmp');
	fs.mkdirSync(scannerTmp);
	const previousTmp = process.env.TMPDIR;
	process.env.TMPDIR = scannerTmp;
	const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(
		'@n8n/scan-community-package/scanner/scanner.mjs'
	);
	if (previousTmp === undefined) delete process.env.TMPDIR;
	else process.env.TMPDIR = previousTmp;

	const legs = [
		{ name: 'source', dir: REPO_ROOT, patterns: SOURCE_FILE_PATTERNS },
		{ name: `tarball ${path.basename(tarball)}`, dir: packageDir, patterns: TARBALL_PATTERNS },
	];
	let passed = true;
	for (const leg of legs) {
		const result = await analyzePackage(leg.dir, leg.patterns);
		console.log(
			`  ${result.passed ? 'passed' : 'FAILED'}: scanner ${leg.name} (${leg.patterns.join(', ')})`,
		);
		if (!result.passed) {
			passed = false;
			console.log(result.message);
			if (result.details) console.log(result.details);
		}
	}
	exitCode = passed ? 0 : 1;
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
} finally {
	fs.rmSync(work, { recursive: true, force: true });
}
console.log(
	exitCode === 0
		? 'scan: passed (@n8n/scan-community-package on the sources and the packed tarball)'
		: 'scan: FAILED (see above)',
);
process.exit(exitCode);
