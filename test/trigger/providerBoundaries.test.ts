import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const PROVIDERS_DIR = join(__dirname, '..', '..', 'nodes', 'IdpEventTrigger', 'providers');
const ADAPTERS = ['okta', 'auth0', 'entra', 'ssf'];

describe('provider adapters', () => {
	it.each(ADAPTERS)('%s imports nothing from another adapter (shared helpers live in providers/)', (adapter) => {
		const others = ADAPTERS.filter((other) => other !== adapter);
		const crossing = readdirSync(join(PROVIDERS_DIR, adapter))
			.filter((file) => file.endsWith('.ts'))
			.flatMap((file) =>
				[...readFileSync(join(PROVIDERS_DIR, adapter, file), 'utf8').matchAll(/from '([^']+)'/g)]
					.map((match) => match[1])
					.filter((specifier) => others.some((other) => specifier.includes(`/${other}/`)))
					.map((specifier) => `${file} → ${specifier}`),
			);
		expect(crossing).toEqual([]);
	});
});
