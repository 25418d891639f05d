import { IDENTITY_EVENT_TYPES } from '../../nodes/shared/model';
import { readWindow, recordSeen } from '../../nodes/IdpEventTrigger/pipeline/dedupe';
import { processDelivery, type DeliveryContext } from '../../nodes/IdpEventTrigger/pipeline/processDelivery';
import { oktaSource } from '../../nodes/IdpEventTrigger/providers/okta/okta.source';
import { inbound } from '../helpers/inboundRequest';
import { oktaFixture, oktaFixtureText } from '../helpers/oktaFixtures';

const SECRET = 'hook-secret';
const context = (overrides: Partial<DeliveryContext> = {}): DeliveryContext => ({
	secrets: [SECRET],
	selected: IDENTITY_EVENT_TYPES,
	tenant: 'acme.okta.com',
	includeRaw: false,
	maxEvents: 1000,
	window: () => readWindow({}),
	windowMs: 60_000,
	now: 1_000,
	...overrides,
});
const post = (body: string, secret = SECRET) =>
	inbound('POST', { Authorization: secret, 'Content-Type': 'application/json' }, body);

describe('processDelivery (handshake → verify → parse → normalize → coalesce → select → dedupe)', () => {
	it('answers the handshake without needing a secret', () => {
		const result = processDelivery(oktaSource, inbound('GET', { 'x-okta-verification-challenge': 'c1' }), context({ secrets: [] }));
		expect(result).toEqual({ kind: 'handshake', reply: { status: 200, contentType: 'application/json', body: '{"verification":"c1"}' } });
	});

	it('rejects a wrong secret with 401 and a log line that does not contain either secret', () => {
		const result = processDelivery(oktaSource, post(oktaFixtureText('user.lifecycle.create'), 'guess-123'), context());
		expect(result.kind).toBe('rejected');
		expect(result.reply.status).toBe(401);
		const log = result.kind === 'rejected' ? result.log : '';
		expect(log).toContain('9 characters');
		expect(log).not.toContain('guess-123');
		expect(log).not.toContain(SECRET);
	});

	it('rejects everything with 401 when no secret is configured', () => {
		const result = processDelivery(oktaSource, post('{}'), context({ secrets: [] }));
		expect(result.reply.status).toBe(401);
	});

	it('verifies before parsing: a malformed body with a wrong secret is a 401, not a 400', () => {
		expect(processDelivery(oktaSource, post('{not json', 'nope'), context()).reply.status).toBe(401);
	});

	it.each([
		['malformed JSON', '{"data": {"events": [', /not valid JSON/],
		['an empty body', '', /body is empty/],
		['the wrong shape', '{"data": {"events": [{"uuid": "x"}]}}', /data\.events\[0\]\.published: Required/],
		['a missing events array', '{"eventType": "com.okta.event_hook"}', /data: Required/],
	])('answers 400 with a clear message for %s', (_label, body, message) => {
		const result = processDelivery(oktaSource, post(body), context());
		expect(result.kind).toBe('rejected');
		expect(result.reply.status).toBe(400);
		expect(JSON.parse(result.reply.body).message).toMatch(message);
	});

	it('accepts a delivery, coalesces the reset burst and summarizes', () => {
		const result = processDelivery(oktaSource, post(oktaFixtureText('user.mfa.factor.deactivate')), context());
		if (result.kind !== 'accepted') throw new Error(result.kind);
		expect(result.events).toHaveLength(1);
		expect(result.summary).toEqual({ received: 3, emitted: 1, duplicates: 0, failedOutcomes: 0, unselected: 0, ignored: {} });
		expect(JSON.parse(result.reply.body)).toEqual(result.summary);
	});

	it('counts unselected and unknown events instead of emitting them', () => {
		const delivery = oktaFixture('group.user_membership.add');
		delivery.data.events.push(...oktaFixture('user.session.start.unmapped').data.events, ...oktaFixture('user.lifecycle.suspend.failure').data.events);
		const result = processDelivery(oktaSource, post(JSON.stringify(delivery)), context({ selected: ['user.created'] }));
		if (result.kind !== 'accepted') throw new Error(result.kind);
		expect(result.events).toEqual([]);
		expect(result.summary).toMatchObject({ received: 3, emitted: 0, unselected: 1, failedOutcomes: 1, ignored: { 'user.session.start': 1 } });
	});

	it('holds back events already emitted within the window and passes new ones', () => {
		const staticData = {};
		const window = () => readWindow(staticData);
		const delivery = oktaFixture('group.user_membership.add');
		recordSeen(staticData,window(), [delivery.data.events[0].uuid], 500, 60_000);
		delivery.data.events.push({ ...delivery.data.events[0], uuid: 'brand-new' });
		const result = processDelivery(oktaSource, post(JSON.stringify(delivery)), context({ window }));
		if (result.kind !== 'accepted') throw new Error(result.kind);
		expect(result.events.map((e) => e.id)).toEqual(['brand-new']);
		expect(result.summary.duplicates).toBe(1);
	});

	it('does not suppress anything when the window is off', () => {
		const body = oktaFixtureText('user.lifecycle.create');
		const first = processDelivery(oktaSource, post(body), context({ window: undefined }));
		const second = processDelivery(oktaSource, post(body), context({ window: undefined }));
		expect(first.kind === 'accepted' && second.kind === 'accepted' && second.events).toHaveLength(1);
	});
});
