import type { IDataObject } from 'n8n-workflow';

import { isWellFormed } from '../../nodes/shared/security/unicodeText';
import { IdentityEventSchema } from '../../nodes/shared/model';
import { n8nLogger } from '../harness/n8nContainer';
import { seededRandom } from '../helpers/seededRandom';
import {
	TRIGGER_SOURCES,
	deliverTo,
	eachConcurrently,
	type TriggerSource,
} from '../helpers/triggerSources';

const BODIES_PER_SOURCE = Number(process.env.FUZZ_BODIES ?? 10_000);
const ALLOWED_STATUSES = new Set([200, 202, 400, 401, 413, 422]);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const HOSTILE_TEXT = [
	'',
	'constructor',
	'__proto__',
	'toString',
	'hasOwnProperty',
	'valueOf',
	'jane\ud800doe',
	'\udc00',
	'evil\u202eLIVE',
	'line\r\nIdP Event Trigger: forged',
	'\u0000\u0007\u001b[31m',
	'😀',
	'x'.repeat(2000),
	'2026-05-04T10:15:00.120Z',
	'2026-13-45T99:99:99Z',
	'user.lifecycle.create',
	'sapi',
	'ss',
	'user.updated',
	'Users/00000000-1111-2222-3333-444444444444',
	'#Microsoft.Graph.User',
	'deleted',
	'updated',
];
const HOSTILE_KEYS = ['__proto__', 'constructor', 'toString', 'clientState', 'authorization', 'value', 'data', 'events', 'id', 'type', ''];

function hostileValue(next: () => number, depth = 0): Json {
	const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)];
	switch (Math.floor(next() * 9)) {
		case 0:
			return pick([null, true, false]);
		case 1:
			return pick([0, -1, 1e308, -1e-308, 2 ** 53 + 1, 0.5]);
		case 2:
		case 3:
			return pick(HOSTILE_TEXT);
		case 4:
			return [];
		case 5:
			return {};
		case 6: {
			let nested: Json = pick(HOSTILE_TEXT);
			for (let i = 0; i < 10 + Math.floor(next() * 80); i++) nested = next() < 0.5 ? [nested] : { d: nested };
			return nested;
		}
		case 7:
			return depth > 2 ? null : [hostileValue(next, depth + 1), hostileValue(next, depth + 1)];
		default:
			return depth > 2 ? null : { [pick(HOSTILE_KEYS)]: hostileValue(next, depth + 1) };
	}
}

/** Every object and array in `value` (up to a bound), to pick a place to mutate. */
function containers(value: Json): Array<Json[] | { [key: string]: Json }> {
	const found: Array<Json[] | { [key: string]: Json }> = [];
	const stack: Json[] = [value];
	while (stack.length > 0 && found.length < 2000) {
		const current = stack.pop() as Json;
		if (current === null || typeof current !== 'object') continue;
		found.push(current);
		stack.push(...(Array.isArray(current) ? current : Object.values(current)));
	}
	return found;
}

function mutate(body: Json, next: () => number): Json {
	const places = containers(body);
	if (places.length === 0) return hostileValue(next);
	const place = places[Math.floor(next() * places.length)];
	const keys = Array.isArray(place) ? place.map((_, i) => i) : Object.keys(place);
	const key = keys[Math.floor(next() * keys.length)];
	const set = (k: string | number, value: Json) => {
		if (Array.isArray(place)) place[Number(k)] = value;
		else Object.defineProperty(place, k, { value, enumerable: true, writable: true, configurable: true });
	};
	switch (Math.floor(next() * 6)) {
		case 0:
		case 1:
			if (key !== undefined) set(key, hostileValue(next));
			break;
		case 2:
			if (key !== undefined) {
				if (Array.isArray(place)) place.splice(Number(key), 1);
				else delete place[key as string];
			}
			break;
		case 3:
			if (Array.isArray(place)) place.push(...place.slice(0, 1 + Math.floor(next() * 3)));
			else set(HOSTILE_KEYS[Math.floor(next() * HOSTILE_KEYS.length)], hostileValue(next));
			break;
		case 4:
			if (key !== undefined) {
				const value = (place as Record<string | number, Json>)[key];
				if (typeof value === 'string') set(key, `${value}${HOSTILE_TEXT[Math.floor(next() * HOSTILE_TEXT.length)]}`);
				else if (Array.isArray(value)) set(key, Object.fromEntries(value.map((item, i) => [String(i), item])));
				else if (value !== null && typeof value === 'object') set(key, Object.values(value));
				else set(key, String(value));
			}
			break;
		default:
			if (Array.isArray(place) && place.length > 0) {
				const copies = Math.floor(next() * 8);
				for (let i = 0; i < copies; i++) place.push(JSON.parse(JSON.stringify(place[0])) as Json);
			}
	}
	return body;
}

interface Generated {
	body: Json;
	secret: 'right' | 'wrong';
	/** What happens to the JSON text: sent as is, cut short, replaced by deep nesting, or labelled JSON lines. */
	text: 'json' | 'truncated' | 'deep' | 'ndjson';
	cut: number;
	options: IDataObject;
}

function generate(source: TriggerSource, next: () => number): Generated {
	let body = JSON.parse(JSON.stringify(source.seeds[Math.floor(next() * source.seeds.length)])) as Json;
	const rounds = Math.floor(next() * 4);
	for (let i = 0; i < rounds; i++) body = mutate(body, next);
	const options = { enrich: false, includeRaw: next() < 0.5, maxEventsPerDelivery: next() < 0.1 ? 2 : 1000 };
	const secret = next() < 0.9 ? 'right' : 'wrong';
	const roll = next();
	const text = roll < 0.03 ? 'truncated' : roll < 0.05 ? 'deep' : roll < 0.08 ? 'ndjson' : 'json';
	return { body, secret, text, cut: Math.floor(next() * 200), options };
}

/** The request for a generated case: the secret where the IdP puts it, then the text changes. */
function requestFor(source: TriggerSource, generated: Generated) {
	const request = source.request(generated.body, generated.secret === 'right' ? source.manualSecret : 'wrong-secret');
	const json = String(request.body);
	if (generated.text === 'truncated') request.body = json.slice(0, generated.cut);
	if (generated.text === 'deep') request.body = `${json.slice(0, generated.cut)}${'['.repeat(20_000)}${']'.repeat(20_000)}`;
	if (generated.text === 'ndjson') request.headers['content-type'] = 'application/x-ndjson';
	return request;
}

describe('fuzzing the trigger with generated and mutated deliveries', () => {
	beforeEach(() => {
		jest.spyOn(n8nLogger(), 'info').mockImplementation(() => undefined);
		jest.spyOn(n8nLogger(), 'warn').mockImplementation(() => undefined);
	});
	afterEach(() => jest.restoreAllMocks());

	it.each(TRIGGER_SOURCES.map((source) => [source.name, source] as const))(
		`%s: ${BODIES_PER_SOURCE} bodies, every reply 2xx/400/401/413/422, never a thrown error, and only schema-valid events`,
		async (name, source) => {
			const next = seededRandom(name.length * 7919);
			const cases = Array.from({ length: BODIES_PER_SOURCE }, () => generate(source, next));
			const statuses = new Map<number, number>();
			const problems: string[] = [];
			await eachConcurrently(cases, 4, async (generated, index) => {
				const request = requestFor(source, generated);
				let result;
				try {
					result = await deliverTo(source, { parameters: { options: generated.options }, staticData: {}, request });
				} catch (error) {
					problems.push(`#${index}: threw ${(error as Error).stack ?? String(error)}`);
					return;
				}
				statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
				if (!ALLOWED_STATUSES.has(result.status)) problems.push(`#${index}: status ${result.status} ${result.body.slice(0, 200)}`);
				if (generated.secret === 'wrong' && ![401, 422].includes(result.status)) {
					problems.push(`#${index}: a wrong secret got ${result.status}`);
				}
				if (result.status >= 300 && result.workflowData !== undefined) problems.push(`#${index}: refused yet started an execution`);
				for (const item of result.workflowData?.[0] ?? []) {
					const parsed = IdentityEventSchema.safeParse(item.json);
					if (!parsed.success) problems.push(`#${index}: invalid event ${parsed.error.message.slice(0, 300)}`);
					const text = JSON.stringify(item.json);
					if (!isWellFormed(text)) problems.push(`#${index}: malformed Unicode reached an event`);
					if (text.includes(source.manualSecret)) problems.push(`#${index}: the secret reached an event`);
				}
			});
			expect(problems.slice(0, 20)).toEqual([]);
			expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(BODIES_PER_SOURCE);
			expect(statuses.get(source.name === 'entra' ? 202 : 200)).toBeGreaterThan(BODIES_PER_SOURCE / 10);
		},
		300_000,
	);
});
