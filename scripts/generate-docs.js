#!/usr/bin/env node
// Regenerates the README's event catalogue from the identity event model and the IdP adapters.
'use strict';
require('./lib/register-ts');
const fs = require('node:fs');
const path = require('node:path');
const { replaceEventTable } = require('./docs/eventTable.ts');

const readmePath = path.join(__dirname, '..', 'README.md');
const before = fs.readFileSync(readmePath, 'utf8');
const after = replaceEventTable(before);
if (after !== before) fs.writeFileSync(readmePath, after);
console.log(after === before ? 'README event table is up to date' : 'README event table regenerated');
