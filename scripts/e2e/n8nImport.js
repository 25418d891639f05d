'use strict';

const fs = require('node:fs');
const path = require('node:path');

/**
 * Imports credentials (plaintext data, encrypted by n8n with its key) and workflows (inactive) with
 * n8n's CLI, which also runs the database migrations.
 * @param {(args: string[]) => Promise<string>} cli   runs `n8n <args>` with the instance's environment
 * @param {string} importDir                          a folder for the JSON files
 * @param {{ credentials?: object[], workflows?: object[] }} items
 */
async function importIntoN8n(cli, importDir, items) {
	fs.mkdirSync(importDir, { recursive: true });
	const kinds = /** @type {const} */ ([
		['credentials', items.credentials],
		['workflow', items.workflows],
	]);
	for (const [kind, list] of kinds) {
		if (!list?.length) continue;
		const file = path.join(importDir, `${kind}.json`);
		fs.writeFileSync(file, JSON.stringify(list, null, 2));
		const output = await cli([`import:${kind}`, `--input=${file}`]);
		if (!/Successfully imported/.test(output)) {
			throw new Error(`n8n did not import the ${kind}:\n${output}`);
		}
	}
}

module.exports = { importIntoN8n };
