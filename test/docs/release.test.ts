import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import packageJson from '../../package.json';

const ROOT = join(__dirname, '..', '..');
const workflow = readFileSync(join(ROOT, '.github', 'workflows', 'release.yml'), 'utf8');
const changelog = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8');

/** The lines of one job of the workflow (jobs are indented by two spaces). */
function job(name: string): string {
	const start = workflow.indexOf(`\n  ${name}:\n`);
	expect(start).toBeGreaterThan(0);
	const next = workflow.slice(start + 1).search(/\n {2}[a-z-]+:\n/);
	return next < 0 ? workflow.slice(start) : workflow.slice(start, start + 1 + next);
}

describe('the release workflow', () => {
	it('publishes with an npm provenance statement, which n8n requires of community nodes', () => {
		const publish = job('publish');
		expect(publish).toMatch(/permissions:\n\s+(#.*\n\s+)*id-token: write/);
		expect(publish).toContain('contents: read');
		expect(publish).toMatch(/run: npm publish --provenance --access public/);
		expect(publish).toContain("registry-url: 'https://registry.npmjs.org'");
	});

	it('runs on version tags, checks the tag against package.json and CHANGELOG.md, and tests before it publishes', () => {
		expect(workflow).toMatch(/on:\n\s+push:\n\s+tags: \['v\*\.\*\.\*'\]/);
		const publish = job('publish');
		expect(publish).toContain('test "${GITHUB_REF_NAME}" = "v${version}"');
		const order = ['npm ci', 'npm run build', 'npm run lint', 'npm run typecheck', 'npm run test:unit', 'npm run scan', 'npm publish'];
		const positions = order.map((step) => publish.indexOf(step));
		expect(positions.every((position) => position > 0)).toBe(true);
		expect(positions).toEqual([...positions].sort((a, b) => a - b));
	});

	it('has a CHANGELOG section for the version in package.json', () => {
		expect(changelog).toMatch(new RegExp(`^## \\[${packageJson.version.replace(/\./g, '\\.')}\\]`, 'm'));
		expect(changelog).toMatch(/^## \[Unreleased\]/m);
	});
});
