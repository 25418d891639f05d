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
fs.symlinkSync(path.join(root, 'node_modules'), path.join(stage, 'node_modules'), 'dir');

const bin = path.join(root, 'node_modules', '.bin', 'n8n-node');
const result = spawnSync(bin, ['lint', ...process.argv.slice(2)], { cwd: stage, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.split(stage).join(root);
process.stdout.write(output);
fs.rmSync(stage, { recursive: true, force: true });
process.exit(result.status ?? 1);
