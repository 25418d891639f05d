// Shared bits for the benchmarks: the standard Okta → Duo workload and result reporting.
'use strict';
const { execFileSync } = require('node:child_process');
const { generateStandardMix } = require('./mix/standardMix');
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');

const ROOT = path.join(__dirname, '..');

/**
 * The standard Okta → Duo workload (bench/mix/standardMix.js) with the given parameters. OKTA_DUO_MIX names
 * another generator script with the same command line (`--users N …`, JSON on stdout) to run instead.
 */
function generateMix(params = {}) {
	const other = process.env.OKTA_DUO_MIX;
	if (!other) return generateStandardMix(params);
	const args = Object.entries(params).flatMap(([k, v]) => [`--${k}`, String(v)]);
	const out = execFileSync(process.execPath, [other, ...args], { maxBuffer: 1 << 30 });
	return JSON.parse(out.toString('utf8'));
}

/** `--name value` from the command line, as a number. */
function numberArg(name, fallback) {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

function machine() {
	return { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, platform: `${os.platform()} ${os.arch()}` };
}

function writeResult(name, result) {
	const dir = path.join(__dirname, 'results');
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `${name}.json`);
	fs.writeFileSync(file, JSON.stringify({ benchmark: name, at: new Date().toISOString(), machine: machine(), ...result }, null, 2) + '\n');
	return file;
}

module.exports = { ROOT, generateMix, writeResult, machine, numberArg };
