#!/usr/bin/env node
// `npm run typecheck`: tsc without output over the sources, tests, benchmarks and scripts (tsconfig.json).
'use strict';

const { runBin, runSteps } = require('./lib/step');

process.exit(
	runSteps('typecheck', [{ name: 'tsc', run: () => runBin('tsc', ['-p', 'tsconfig.json', '--noEmit']) }], () => 'tsc --noEmit, tsconfig.json'),
);
