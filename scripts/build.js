#!/usr/bin/env node
// `npm run build`: a clean dist/ from tsc (nodes, credentials) and gulp (icons, codex files, sample workflows).
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { ROOT, runBin, runSteps } = require('./lib/step');

const dist = path.join(ROOT, 'dist');
const code = runSteps(
	'build',
	[
		{ name: 'clean', run: () => (fs.rmSync(dist, { recursive: true, force: true }), 0) },
		{ name: 'tsc', run: () => runBin('tsc', ['-p', 'tsconfig.build.json']) },
		{ name: 'gulp', run: () => runBin('gulp', ['build', '--silent']) },
	],
	() => `dist/ holds ${fs.readdirSync(dist, { recursive: true }).length} files and folders`,
);
process.exit(code);
