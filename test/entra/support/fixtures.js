// Reads the Microsoft Graph notification fixtures.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const DIR = path.join(__dirname, '..', '..', '..', 'nodes', 'IdpEventTrigger', 'providers', 'entra', 'fixtures');

function entraFixtureNames() {
	return fs.readdirSync(DIR).filter((name) => name.endsWith('.json')).map((name) => name.replace(/\.json$/, ''));
}

function entraFixtureText(name) {
	return fs.readFileSync(path.join(DIR, `${name}.json`), 'utf8');
}

function entraFixture(name) {
	return JSON.parse(entraFixtureText(name));
}

module.exports = { entraFixtureNames, entraFixtureText, entraFixture };
