import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const OKTA_FIXTURE_DIR = join(__dirname, '..', '..', 'nodes', 'IdpEventTrigger', 'providers', 'okta', 'fixtures');

export function oktaFixtureNames(): string[] {
	return readdirSync(OKTA_FIXTURE_DIR)
		.filter((name) => name.endsWith('.json'))
		.map((name) => name.replace(/\.json$/, ''));
}

export function oktaFixtureText(name: string): string {
	return readFileSync(join(OKTA_FIXTURE_DIR, `${name}.json`), 'utf8');
}

export function oktaFixture(name: string): any {
	return JSON.parse(oktaFixtureText(name));
}
