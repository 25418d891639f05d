// Reads the Auth0 delivery fixtures (JSON arrays or objects, and JSON lines in .jsonl files).
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const DIR = path.join(__dirname, '..', '..', '..', 'nodes', 'IdpEventTrigger', 'providers', 'auth0', 'fixtures');

/** Fixture names without extension. */
function auth0FixtureNames() {
	return fs.readdirSync(DIR).filter((name) => /\.jsonl?$/.test(name)).map((name) => name.replace(/\.jsonl?$/, ''));
}

/** The raw body of a fixture, exactly as it would be posted. */
function auth0FixtureText(name) {
	const file = fs.existsSync(path.join(DIR, `${name}.json`)) ? `${name}.json` : `${name}.jsonl`;
	return fs.readFileSync(path.join(DIR, file), 'utf8');
}

/** A `.json` fixture, parsed. */
function auth0Fixture(name) {
	return JSON.parse(fs.readFileSync(path.join(DIR, `${name}.json`), 'utf8'));
}

module.exports = { auth0FixtureNames, auth0FixtureText, auth0Fixture };
