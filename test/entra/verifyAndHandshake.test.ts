import { IDENTITY_EVENT_TYPES } from '../../nodes/shared/model';
import { readWindow, recordSeen } from '../../nodes/IdpEventTrigger/pipeline/dedupe';
import {
	processDelivery,
	type DeliveryContext,
} from '../../nodes/IdpEventTrigger/pipeline/processDelivery';
import type { InboundRequest } from '../../nodes/IdpEventTrigger/pipeline/request';
import { answerGraphHandshake } from '../../nodes/IdpEventTrigger/providers/entra/entra.handshake';
import { parseGraphDelivery } from '../../nodes/IdpEventTrigger/providers/entra/entra.parse';
import { entraSource } from '../../nodes/IdpEventTrigger/providers/entra/entra.source';
import { verifyGraphRequest } from '../../nodes/IdpEventTrigger/providers/entra/entra.verify';
import { inbound } from '../helpers/inboundRequest';
import { entraFixture, entraFixtureText } from './support/fixtures';

const clientState = 's3cr3t-client-state';

const withQuery = (request: InboundRequest, query: Record<string, unknown>): InboundRequest => ({
	...request,
	query,
});
const post = (body: string) => inbound('POST', { 'content-type': 'application/json' }, body);
const withStates = (...states: Array<string | null | undefined>) => {
	const template = entraFixture('users.updated').value[0];
	return JSON.stringify({
		value: states.map((state, index) => {
			const item: Record<string, unknown> = { ...template, id: `n${index}` };
			if (state === undefined) delete item.clientState;
			else item.clientState = state;
			return item;
		}),
	});
};

describe('Microsoft Graph validation handshake', () => {
	it('echoes the URL-decoded validationToken as text/plain with 200, on POST', () => {
		const token =
			'Validation: Testing client application reachability for subscription Request-Id: 3b3f9821-ce3f-23d9-879b-00a23f3 <b>';
		const reply = answerGraphHandshake(
			withQuery(inbound('POST', { 'content-type': 'text/plain; charset=utf-8' }, ''), {
				validationToken: token,
			}),
		);
		expect(reply).toEqual({ status: 200, contentType: 'text/plain', body: token });
	});

	it('takes the first value of a repeated parameter, and ignores requests without one', () => {
		expect(
			answerGraphHandshake(withQuery(inbound('POST'), { validationToken: ['a', 'b'] }))?.body,
		).toBe('a');
		expect(answerGraphHandshake(post(entraFixtureText('users.updated')))).toBeUndefined();
	});

	it('is answered by the pipeline before any clientState is known', () => {
		const result = processDelivery(
			entraSource,
			withQuery(inbound('POST', {}, ''), { validationToken: 'abc' }),
			context({ secrets: [] }),
		);
		expect(result).toEqual({
			kind: 'handshake',
			reply: { status: 200, contentType: 'text/plain', body: 'abc' },
		});
	});
});

describe('Microsoft Graph clientState verification (every notification, constant time)', () => {
	it.each([
		['one notification with the clientState', [clientState], true],
		[
			'several notifications, all with the clientState',
			[clientState, clientState, clientState],
			true,
		],
		['one notification with another clientState', ['another-client-state'], false],
		['a batch where one notification differs', [clientState, 'forged', clientState], false],
		['a prefix of the clientState', [clientState.slice(0, -1)], false],
		['a notification without clientState', [undefined], false],
		['a null clientState', [null], false],
		['an empty clientState', [''], false],
	])('%s → %s', (_label, states, ok) => {
		expect(verifyGraphRequest(post(withStates(...states)), clientState).ok).toBe(ok);
	});

	it.each([
		['an empty collection', '{"value":[]}'],
		['a body that is not JSON', 'value='],
		['JSON without value', '{"notifications":[]}'],
		['no body', undefined],
	])('rejects %s', (_label, body) => {
		expect(verifyGraphRequest(inbound('POST', {}, body), clientState)).toEqual({
			ok: false,
			presented: undefined,
		});
	});

	it('reports the first mismatching value for the log (the pipeline only logs its length)', () => {
		expect(verifyGraphRequest(post(withStates(clientState, 'forged')), clientState)).toEqual({
			ok: false,
			presented: 'forged',
		});
	});

	it('verifies lifecycle notifications the same way', () => {
		expect(verifyGraphRequest(post(entraFixtureText('lifecycle.missed')), clientState).ok).toBe(
			true,
		);
		expect(verifyGraphRequest(post(entraFixtureText('lifecycle.missed')), 'other').ok).toBe(false);
	});
});

describe('Microsoft Graph delivery parsing', () => {
	it.each([
		['malformed JSON', '{"value":[', /not valid JSON/],
		['a missing value array', '{"value":{}}', /value: Required/],
		[
			'a change notification without resource',
			'{"value":[{"subscriptionId":"s","changeType":"updated"}]}',
			/value\[0\] is not a Microsoft Graph change notification: resource: Required/,
		],
		[
			'a lifecycle notification without subscription',
			'{"value":[{"lifecycleEvent":"missed"}]}',
			/value\[0\] is not a Microsoft Graph lifecycle notification: subscriptionId: Required/,
		],
	])('rejects %s', (_label, body, message) => {
		const result = parseGraphDelivery(post(body));
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.message).toMatch(message);
	});
});

function context(overrides: Partial<DeliveryContext> = {}): DeliveryContext {
	return {
		secrets: [clientState],
		selected: IDENTITY_EVENT_TYPES,
		tenant: 'fallback',
		includeRaw: false,
		maxEvents: 1000,
		window: () => readWindow({}),
		windowMs: 60_000,
		now: Date.parse('2026-05-04T10:15:00.000Z'),
		...overrides,
	};
}

describe('Microsoft Graph through the delivery pipeline', () => {
	it('accepts with 202, as Graph asks when work continues after the reply', () => {
		const result = processDelivery(entraSource, post(entraFixtureText('mixed')), context());
		expect(result.kind).toBe('accepted');
		expect(result.reply.status).toBe(202);
		expect(JSON.parse(result.reply.body)).toMatchObject({
			received: 4,
			emitted: 3,
			ignored: { 'lifecycle:reauthorizationRequired': 1 },
		});
	});

	it('rejects a forged clientState with 401 before parsing', () => {
		const forged = entraFixtureText('users.updated').replace(clientState, 'forged-state');
		expect(processDelivery(entraSource, post(forged), context()).reply.status).toBe(401);
	});

	it('keeps a provisional user event when only what it may become is selected', () => {
		const result = processDelivery(
			entraSource,
			post(entraFixtureText('users.updated')),
			context({ selected: ['user.suspended'] }),
		);
		expect(result.kind === 'accepted' && result.events.map((e) => e.source.eventType)).toEqual([
			'users:updated',
		]);
		const none = processDelivery(
			entraSource,
			post(entraFixtureText('users.updated')),
			context({ selected: ['group.created'] }),
		);
		expect(none.kind === 'accepted' && none.events).toEqual([]);
	});

	it('drops notifications Graph delivers again', () => {
		const staticData = {};
		const window = () => readWindow(staticData);
		const first = processDelivery(
			entraSource,
			post(entraFixtureText('groups.updated.members-removed')),
			context({ window }),
		);
		if (first.kind !== 'accepted') throw new Error(first.kind);
		recordSeen(
			staticData,
			window(),
			first.events.flatMap((e) => e.source.eventIds),
			Date.parse('2026-05-04T10:15:00.000Z'),
		);
		const again = processDelivery(
			entraSource,
			post(entraFixtureText('groups.updated.members-removed')),
			context({ window, now: Date.parse('2026-05-04T10:15:30.000Z') }),
		);
		expect(again.kind === 'accepted' && again.summary).toMatchObject({ emitted: 0, duplicates: 2 });
	});

	it('hands the parsed delivery on for the follow-up after the acknowledgement', () => {
		const result = processDelivery(
			entraSource,
			post(entraFixtureText('lifecycle.reauthorizationRequired')),
			context(),
		);
		expect(result.kind === 'accepted' && result.delivery).toEqual({
			notifications: entraFixture('lifecycle.reauthorizationRequired').value,
		});
	});
});
