import type { IDataObject } from 'n8n-workflow';

import { n8nLogger } from '../harness/n8nContainer';
import { seededRandom } from '../helpers/seededRandom';
import { TRIGGER_SOURCES, deliverTo, eachConcurrently, type TriggerSource } from '../helpers/triggerSources';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * The 1,000 wrong ways of presenting `secret`: none, empty, random values of every length, near
 * misses (one character changed, cut short, extended, other case, split), other schemes. Only
 * header-safe text for IdPs that send the secret in a header.
 */
function wrongSecrets(secret: string, inBody: boolean, next: () => number): Array<string | undefined> {
	const pick = (n: number) => Math.floor(next() * n);
	const randomText = (length: number) => Array.from({ length }, () => ALPHABET[pick(ALPHABET.length)]).join('');
	const variants: Array<(i: number) => string | undefined> = [
		() => undefined,
		() => '',
		() => randomText(1 + pick(80)),
		() => randomText(43),
		() => {
			const at = pick(secret.length);
			const replacement = ALPHABET.replace(secret[at], '')[pick(ALPHABET.length - 1)];
			return `${secret.slice(0, at)}${replacement}${secret.slice(at + 1)}`;
		},
		() => secret.slice(0, pick(secret.length)),
		() => `${secret}${randomText(1 + pick(4))}`,
		() => secret.toUpperCase(),
		// HTTP trims spaces around a header value, so a padded header secret is the secret itself
		() => (inBody ? ` ${secret}` : `${secret.slice(0, 5)} ${secret.slice(5)}`),
		() => `bearer ${secret}`,
		() => `Basic ${secret}`,
		() => (inBody ? `${secret}\u202e` : `${secret}\u007e`),
		() => (inBody ? `\ud800${secret}` : `SSWS ${secret}`),
	];
	return Array.from({ length: 1000 }, (_, i) => variants[i % variants.length](i));
}

/** Static data as a trigger may find it: empty, in use, or corrupt. */
const STATES: Array<() => IDataObject> = [
	() => ({}),
	() => ({
		seenEvents: { ids: { 'an-earlier-event': Date.now() - 60_000 } },
		hookId: 'hook-0001',
		secretTag: '0123456789abcdef',
	}),
	() => ({ seenEvents: 'corrupt' }),
];

describe.each(TRIGGER_SOURCES)('$name deliveries with a bad or missing secret', (source: TriggerSource) => {
	beforeEach(() => {
		jest.spyOn(n8nLogger(), 'warn').mockImplementation(() => undefined);
		jest.spyOn(n8nLogger(), 'info').mockImplementation(() => undefined);
	});
	afterEach(() => jest.restoreAllMocks());

	const body = source.seeds[0];

	it('are accepted with the right secret (the control)', async () => {
		const result = await deliverTo(source, { staticData: {}, request: source.request(body, source.manualSecret) });
		expect(result.status).toBeLessThan(300);
		expect(JSON.parse(result.body)).toMatchObject({ received: expect.any(Number) });
	});

	it('are refused with 401 a thousand times, start nothing and leave static data exactly as it was', async () => {
		const secrets = wrongSecrets(source.manualSecret, source.name === 'entra', seededRandom(source.name.length));
		const problems: string[] = [];
		const statuses = new Map<number, number>();
		await eachConcurrently(secrets, 4, async (secret, index) => {
			const automatic = index % 2 === 1;
			const staticData = STATES[index % STATES.length]();
			const before = JSON.parse(JSON.stringify(staticData)) as IDataObject;
			const result = await deliverTo(source, {
				parameters: { registration: automatic ? 'automatic' : 'manual' },
				staticData,
				request: source.request(body, secret),
			});
			statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
			const label = `#${index} (${automatic ? 'automatic' : 'manual'}, ${JSON.stringify(secret)})`;
			if (result.status !== 401) problems.push(`${label}: status ${result.status}`);
			if (result.workflowData !== undefined) problems.push(`${label}: started an execution`);
			if (result.staticDataChanged) problems.push(`${label}: changed static data`);
			if (JSON.stringify(staticData) !== JSON.stringify(before)) problems.push(`${label}: static data differs`);
		});
		expect(problems).toEqual([]);
		expect(statuses).toEqual(new Map([[401, 1000]]));
	});
});
