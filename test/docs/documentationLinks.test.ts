import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import packageJson from '../../package.json';
import { packageCredentials, packageNodes } from '../helpers/packageTypes';

const root = join(__dirname, '..', '..');

/** The anchor GitHub gives a Markdown heading: lower case, punctuation dropped, spaces to hyphens. */
function githubAnchor(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.replace(/\s/g, '-');
}

function readmeAnchors(): Set<string> {
	const anchors = new Set<string>();
	const seen = new Map<string, number>();
	let fenced = false;
	for (const line of readFileSync(join(root, 'README.md'), 'utf8').split('\n')) {
		if (line.startsWith('```')) fenced = !fenced;
		const heading = !fenced && /^#{1,6} (.+)$/.exec(line);
		if (!heading) continue;
		const anchor = githubAnchor(heading[1]);
		const count = seen.get(anchor) ?? 0;
		seen.set(anchor, count + 1);
		anchors.add(count === 0 ? anchor : `${anchor}-${count}`);
	}
	return anchors;
}

const anchors = readmeAnchors();
const readmeUrl = packageJson.homepage;
const nodes = packageNodes();
/** The credentials a user meets: those the package's nodes ask for. */
const usedCredentials = new Set(nodes.flatMap(({ instance }) => (instance.description.credentials ?? []).map((c) => c.name)));

function anchorOf(url: string): string {
	expect(url.startsWith(`${readmeUrl}#`)).toBe(true);
	return url.slice(readmeUrl.length + 1);
}

describe('documentation links', () => {
	it('computes anchors as GitHub does', () => {
		expect(githubAnchor('Duo Security node')).toBe('duo-security-node');
		expect(githubAnchor('Reconcile: backfill and drift repair')).toBe('reconcile-backfill-and-drift-repair');
		expect(githubAnchor('First sync in 10 minutes: Okta → Duo')).toBe('first-sync-in-10-minutes-okta--duo');
		expect(githubAnchor('Shared Signals (SSF: CAEP and RISC)')).toBe('shared-signals-ssf-caep-and-risc');
		expect(anchors.has('duo-security-node')).toBe(false);
	});

	it.each(nodes.map((node) => [node.instance.description.displayName, node] as const))(
		"points %s's Docs links at a README heading",
		(_name, node) => {
			const codex = JSON.parse(readFileSync(`${node.source}.json`, 'utf8'));
			const urls = [
				...codex.resources.primaryDocumentation,
				...(codex.resources.credentialDocumentation ?? []),
			].map((resource: { url: string }) => resource.url);
			expect(urls.length).toBeGreaterThan(0);
			for (const url of urls) expect(anchors).toContain(anchorOf(url));
		},
	);

	it.each(
		packageCredentials()
			.filter(({ instance }) => usedCredentials.has(instance.name))
			.map((credential) => [credential.instance.displayName, credential] as const),
	)("points the %s credential's Docs link at a README heading", (_name, credential) => {
		expect(anchors).toContain(anchorOf(String(credential.instance.documentationUrl)));
	});
});
