#!/usr/bin/env node
// `npm run bench`: every benchmark in turn; each writes bench/results/<name>.json.
'use strict';
const { execFileSync } = require('node:child_process');
const path = require('node:path');

for (const [script, ...args] of [['normalize.js'], ['mapping.js'], ['idp-directory.js'], ['duo-calls.js', ...process.argv.slice(2)], ['mfa-calls.js'], ['reconcile.js', '--provider', 'all']]) {
	execFileSync(process.execPath, [path.join(__dirname, script), ...args], { stdio: 'inherit' });
}
