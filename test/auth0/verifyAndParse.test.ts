import { IDENTITY_EVENT_TYPES } from '../../nodes/shared/model';
import { readWindow, recordSeen } from '../../nodes/IdpEventTrigger/pipeline/dedupe';
import {
	processDelivery,
	type DeliveryContext,
} from '../../nodes/IdpEventTrigger/pipeline/processDelivery';
import { parseAuth0Delivery } from '../../nodes/IdpEventTrigger/providers/auth0/auth0.parse';
import { auth0Source } from '../../nodes/IdpEventTrigger/providers/auth0/auth0.source';
import { verifyAuth0Request } from '../../nodes/IdpEventTrigger/providers/auth0/auth0.verify';
import { inbound } from '../helpers/inboundRequest';
import { auth0Fixture, auth0FixtureText } from './support/fixtures';

const configured = ['stream', 'value', 'k7Qw2Xb9'].join('-');

describe('Auth0 verification (Authorization header, constant time)', () => {
	it.each([
		['the configured value verbatim (Log Streams)', configured, true],
		[
			'Bearer and the configured value (Event Streams, or a Log Stream token set as "Bearer …")',
			`Bearer ${configured}`,
			true,
		],
		['a different value of the same length', configured.replace(/.$/, 'X'), false],
		['a prefix of the value', configured.slice(0, -1), false],
		['the value with trailing whitespace', `${configured} `, false],
		['a lower-case bearer scheme', `bearer ${configured}`, false],
		['Bearer with another value', 'Bearer something-else', false],
		['an empty header', '', false],
	])('%s → %s', (_label, header, ok) => {
		const result = verifyAuth0Request(inbound('POST', { Authorization: header }, '[]'), configured);
		expect(result.ok).toBe(ok);
	});

	it('rejects a request without an Authorization header and says nothing was presented', () => {
		expect(verifyAuth0Request(inbound('POST', {}, '[]'), configured)).toEqual({
			ok: false,
			presented: undefined,
		});
	});

	it('accepts a Basic value when that is what the stream is configured to send', () => {
		const basic = `Basic ${Buffer.from('n8n:pass-phrase').toString('base64')}`;
		expect(verifyAuth0Request(inbound('POST', { Authorization: basic }, '[]'), basic).ok).toBe(
			true,
		);
	});

	it('never accepts anything when the configured value is empty', () => {
		expect(verifyAuth0Request(inbound('POST', { Authorization: '' }, '[]'), '').ok).toBe(false);
		expect(verifyAuth0Request(inbound('POST', { Authorization: 'Bearer ' }, '[]'), '').ok).toBe(
			false,
		);
	});
});

describe('Auth0 delivery parsing', () => {
	const parse = (body: string) =>
		parseAuth0Delivery(inbound('POST', { 'content-type': 'application/json' }, body));
	const ok = (body: string) => {
		const result = parse(body);
		if (!result.ok) throw new Error(result.message);
		return result.value;
	};
	const logs = JSON.parse(auth0FixtureText('log.sapi.assign-user-roles')).concat(
		JSON.parse(auth0FixtureText('log.ss')),
	);

	it('reads a JSON array (JSONARRAY)', () => {
		expect(ok(JSON.stringify(logs)).logs.map((l) => l.data.type)).toEqual(['sapi', 'ss']);
	});

	it('reads JSON lines (JSONLINES), with CRLF and blank lines', () => {
		const body = `${logs.map((l: unknown) => JSON.stringify(l)).join('\r\n')}\r\n\r\n`;
		expect(ok(body).logs.map((l) => l.log_id)).toEqual(
			logs.map((l: { log_id: string }) => l.log_id),
		);
	});

	it('reads one log object (JSONOBJECT), with or without the {log_id, data} wrapper', () => {
		expect(ok(JSON.stringify(logs[1])).logs).toHaveLength(1);
		expect(ok(JSON.stringify(logs[1].data)).logs[0]).toMatchObject({
			log_id: logs[1].log_id,
			data: { type: 'ss' },
		});
	});

	it('reads a single CloudEvent and a batch of CloudEvents', () => {
		const event = auth0Fixture('event.user.created');
		expect(ok(JSON.stringify(event))).toMatchObject({
			logs: [],
			events: [{ type: 'user.created' }],
		});
		const prefixed = auth0Fixture('event.com.auth0.user.created');
		expect(ok(JSON.stringify([event, prefixed])).events.map((e) => e.type)).toEqual([
			'user.created',
			'com.auth0.user.created',
		]);
	});

	it.each([
		['an empty body', '  ', /body is empty/],
		['a broken JSON array', '[{"log_id": "1"', /not a valid JSON array/],
		[
			'a broken second line',
			`${JSON.stringify(logs[0])}\n{"log_id":`,
			/Line 2 of the request body is not valid JSON/,
		],
		['an array of strings', '["a"]', /Item 0 of the body is not a JSON object/],
		[
			'a log without a date',
			'[{"log_id":"1","data":{"type":"ss"}}]',
			/Item 0 is not an Auth0 log: data\.date: Required/,
		],
		[
			'a CloudEvent without time',
			'{"specversion":"1.0","id":"e1","type":"user.created","data":{"object":{}}}',
			/Item 0 is not an Auth0 CloudEvent: time: Required/,
		],
	])('rejects %s with a clear message', (_label, body, message) => {
		const result = parse(body);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.message).toMatch(message);
	});
});

describe('Auth0 through the delivery pipeline', () => {
	const token = ['pipeline', 'value'].join('-');
	const context = (overrides: Partial<DeliveryContext> = {}): DeliveryContext => ({
		secrets: [token],
		selected: IDENTITY_EVENT_TYPES,
		tenant: 'acme.us.auth0.com',
		includeRaw: false,
		maxEvents: 1000,
		window: () => readWindow({}),
		windowMs: 60_000,
		now: Date.parse('2026-05-04T10:16:00.000Z'),
		...overrides,
	});
	const post = (body: string, authorization = `Bearer ${token}`) =>
		inbound('POST', { Authorization: authorization, 'Content-Type': 'application/json' }, body);

	it('verifies before parsing: garbage with a wrong token is a 401, with the right token a 400', () => {
		expect(processDelivery(auth0Source, post('[{', 'Bearer nope'), context()).reply.status).toBe(
			401,
		);
		expect(processDelivery(auth0Source, post('[{'), context()).reply.status).toBe(400);
	});

	it('answers no handshake: Auth0 does not verify endpoints', () => {
		expect(auth0Source.handshake(inbound('GET', {}))).toBeUndefined();
		expect(processDelivery(auth0Source, inbound('GET', {}), context()).reply.status).toBe(401);
	});

	it('accepts with 200 and a summary, and drops a log Auth0 delivers again (dedupe by log_id)', () => {
		const staticData = {};
		const window = () => readWindow(staticData);
		const first = processDelivery(
			auth0Source,
			post(auth0FixtureText('log.batch')),
			context({ window }),
		);
		if (first.kind !== 'accepted') throw new Error(first.kind);
		expect(first.reply.status).toBe(200);
		expect(first.summary).toMatchObject({
			received: 4,
			emitted: 3,
			duplicates: 0,
			ignored: { 'repeated within the delivery': 1 },
		});
		recordSeen(
			staticData,
			window(),
			first.events.flatMap((e) => e.source.eventIds),
			Date.parse('2026-05-04T10:16:00.000Z'),
		);
		const again = processDelivery(
			auth0Source,
			post(auth0FixtureText('log.batch')),
			context({ window }),
		);
		expect(again.kind === 'accepted' && again.summary).toMatchObject({ emitted: 0, duplicates: 3 });
	});

	it('drops a CloudEvent delivered again (dedupe by id), whatever the type spelling', () => {
		const staticData = {};
		const window = () => readWindow(staticData);
		const event = auth0Fixture('event.group.member.added') as { id: string; type: string };
		const first = processDelivery(auth0Source, post(JSON.stringify(event)), context({ window }));
		if (first.kind !== 'accepted') throw new Error(first.kind);
		recordSeen(
			staticData,
			window(),
			first.events.flatMap((e) => e.source.eventIds),
			Date.parse('2026-05-04T10:16:00.000Z'),
		);
		const redelivered = { ...event, type: `com.auth0.${event.type}` };
		const again = processDelivery(
			auth0Source,
			post(JSON.stringify(redelivered)),
			context({ window }),
		);
		expect(again.kind === 'accepted' && again.summary).toMatchObject({ emitted: 0, duplicates: 1 });
	});

	it('applies Trigger On after normalizing', () => {
		const result = processDelivery(
			auth0Source,
			post(auth0FixtureText('log.batch')),
			context({ selected: ['user.suspended'] }),
		);
		expect(result.kind === 'accepted' && result.events.map((e) => e.type)).toEqual([
			'user.suspended',
		]);
	});
});
