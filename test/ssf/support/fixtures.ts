import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const SSF_FIXTURE_DIR = join(__dirname, '..', '..', '..', 'nodes', 'IdpEventTrigger', 'providers', 'ssf', 'fixtures');

export function ssfFixtureNames(): string[] {
	return readdirSync(SSF_FIXTURE_DIR)
		.filter((name) => name.endsWith('.json'))
		.map((name) => name.replace(/\.json$/, ''));
}

/** A SET's claims as the spec examples show them. */
export function ssfFixture(name: string): Record<string, any> {
	return JSON.parse(readFileSync(join(SSF_FIXTURE_DIR, `${name}.json`), 'utf8'));
}
