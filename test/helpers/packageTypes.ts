import { join } from 'node:path';

import type { ICredentialType, INodeType } from 'n8n-workflow';

import packageJson from '../../package.json';

const root = join(__dirname, '..', '..');

export interface PackageEntry<T> {
	/** The entry in package.json's `n8n` section, e.g. `dist/nodes/DuoSecurity/DuoSecurity.node.js`. */
	entry: string;
	/** The source file without extension, e.g. `<root>/nodes/DuoSecurity/DuoSecurity.node`. */
	source: string;
	instance: T;
}

function load<T>(entry: string): PackageEntry<T> {
	const source = join(root, entry.replace(/^dist\//, '').replace(/\.js$/, ''));
	// The `.ts` extension: `X.node` alone would resolve to the codex file `X.node.json`.
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const exported = require(`${source}.ts`) as Record<string, unknown>;
	const classes = Object.values(exported).filter((value) => typeof value === 'function') as Array<new () => T>;
	if (classes.length !== 1) throw new Error(`${entry} should export one class, exports ${classes.length}`);
	return { entry, source, instance: new classes[0]() };
}

/** Every node the package registers with n8n, from its source. */
export function packageNodes(): Array<PackageEntry<INodeType>> {
	return packageJson.n8n.nodes.map((entry) => load<INodeType>(entry));
}

/** Every credential type the package registers with n8n, from its source. */
export function packageCredentials(): Array<PackageEntry<ICredentialType>> {
	return packageJson.n8n.credentials.map((entry) => load<ICredentialType>(entry));
}
