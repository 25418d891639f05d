#!/usr/bin/env node
// Runs the official community lint (`n8n-node lint`: strict mode, the default eslint.config.mjs, unmodified) on
// exactly what the package ships from source: package.json, nodes/, credentials/ and icons/.
// `n8n-node lint` runs `eslint .`, and its config holds every *.ts file to the node-runtime rules (no fs, no
// http, no process, no console). Tests, fakes, benchmarks and scripts are not part of the package and use those
// on purpose, so they are left out by linting a staged copy of the shipped sources.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const stage = path.join(root, '.lint-stage');
const SHIPPED = ['package.json', 'eslint.config.mjs', 'tsconfig.json', 'nodes', 'credentials', 'icons'];

fs.rmSync(stage, { recursive: true, force: true });
fs.mkdirSync(stage);
for (const entry of SHIPPED) {
	fs.cpSync(path.join(root, entry), path.join(stage, entry), {
		recursive: true,
		filter: (source) => !source.includes(`${path.sep}fixtures`),
	});
}
const files = fs.readdirSync(stage, { recursive: true }).filter((file) => String(file).endsWith('.ts')).length;
fs.symlinkSync(path.join(root, 'node_modules'), path.join(stage, 'node_modules'), 'dir');

const bin = path.join(root, 'node_modules', '.bin', 'n8n-node');
const result = spawnSync(bin, ['lint', ...process.argv.slice(2)], {
	cwd: stage,
	encoding: 'utf8',
	env: { ...process.env, FORCE_COLOR: '0' },
});
fs.rmSync(stage, { recursive: true, force: true });

// The CLI's banner ("┌  n8n-node lint v0.48.3") and frame lines say nothing; eslint's findings stay.
const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.replace(/\x1b\[[0-9;]*m/g, '');
const version = /n8n-node lint\s+v?([\d.]+)/.exec(output)?.[1] ?? '?';
const findings = output
	.split(stage)
	.join(root)
	.split('\n')
	.filter((line) => !/^[┌│└◇◆●■▲]\s*(n8n-node lint|$)/.test(line.trim()) && line.trim() !== '')
	.join('\n');
if (findings) process.stdout.write(`${findings}\n`);
const how = `n8n-node lint ${version}, strict, default config, ${files} TypeScript files`;
process.stdout.write(result.status === 0 ? `lint: passed (${how})\n` : `lint: FAILED (${how}; exit code ${result.status})\n`);
process.exit(result.status ?? 1);
