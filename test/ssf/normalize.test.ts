import { IdentityEventSchema } from '../../nodes/shared/model';
import { processDelivery } from '../../nodes/IdpEventTrigger/pipeline/processDelivery';
import { SSF_EVENT_MAP, ssfEventUri, ssfEventsRequestedFor } from '../../nodes/IdpEventTrigger/providers/ssf/ssf.eventMap';
import { ssfSource } from '../../nodes/IdpEventTrigger/providers/ssf/ssf.source';
import { ssfFixtureNames } from './support/fixtures';
import { context, fixtureClaims, prepared, push, signed } from './support/sets';

function accept(claims: unknown, overrides: Parameters<typeof context>[0] = {}) {
	const result = processDelivery(ssfSource, push(signed(claims)), context(overrides));
	if (result.kind !== 'accepted') throw new Error(`refused: ${result.reply.body}`);
	return result;
}

describe('Shared Signals SETs → normalized identity events (fixtures in the spec example shapes)', () => {
	it('has a fixture for every CAEP and RISC event type the receiver maps', () => {
		const covered = new Set(ssfFixtureNames().map((name) => name.split('.').slice(0, 2).join('/')));
		for (const key of Object.keys(SSF_EVENT_MAP)) expect(covered).toContain(key);
	});

	it.each([
		['risc.account-disabled', 'user.suspended', { id: '7375626A656374', attributes: { 'subject.format': 'iss_sub', 'subject.iss': 'https://idp.example.com/' } }],
		['risc.account-disabled.phone', 'user.suspended', { id: '+12065550123', attributes: { 'subject.phone_number': '+1 206 555 0123' } }],
		['risc.account-disabled.google', 'user.suspended', { id: '7375626A656375', attributes: { 'subject.format': 'iss_sub' } }],
		['risc.account-enabled', 'user.reactivated', { id: 'foo@example.com', login: 'foo@example.com', email: 'foo@example.com' }],
		['risc.account-enabled.aliases', 'user.reactivated', { id: 'dMTlD|1600802906337.16|16008.16', login: 'user@example.com', email: 'user@example.com' }],
		['risc.account-purged', 'user.deleted', { id: 'jane.smith@example.com', login: 'Jane.Smith@Example.com', email: 'Jane.Smith@Example.com' }],
		['risc.identifier-changed', 'user.updated', { id: 'john.doe@example.com', login: 'john.roe@example.com', email: 'john.roe@example.com', attributes: { 'subject.previous': 'john.doe@example.com' } }],
		['caep.credential-change.revoke', 'user.mfa_reset', { id: 'jane.smith@example.com', email: 'jane.smith@example.com' }],
		['caep.credential-change.delete.complex', 'user.mfa_reset', { id: 'bar@example.com' }],
		['caep.credential-change.in-event-subject', 'user.mfa_reset', { id: '00u1a2b3c4d5e6f7g8h9' }],
		['risc.credential-compromise', 'user.mfa_reset', { id: 'joe.smith@example.com', attributes: { 'subject.format': 'iss_sub' } }],
	])('%s becomes %s', (name, type, user) => {
		const claims = fixtureClaims(name);
		const { events, summary } = accept(claims);
		expect(summary).toMatchObject({ received: 1, emitted: 1 });
		const [event] = events;
		expect(IdentityEventSchema.parse(event)).toMatchObject({ id: claims.jti, type, user });
		expect(event.source).toMatchObject({ idp: 'ssf', eventIds: [claims.jti], eventType: Object.keys(claims.events)[0] });
	});

	it('carries the credential type of a revocation as the reset factor, and the time the change happened', () => {
		const [event] = accept(fixtureClaims('caep.credential-change.revoke')).events;
		expect(event).toMatchObject({
			occurredAt: '2021-03-09T15:49:51.000Z',
			source: { deliveryId: '8675309', tenant: 'tx.example.test' },
			mfa: { all: false, factors: [{ type: 'fido2-roaming', name: "Jane's USB authenticator" }] },
		});
	});

	it("takes a complex subject's tenant member as the event's tenant", () => {
		const [event] = accept(fixtureClaims('caep.credential-change.delete.complex')).events;
		expect(event).toMatchObject({ source: { tenant: '1234' }, mfa: { factors: [{ type: 'phone-sms' }] } });
	});

	it('falls back to iat for the time of an event that carries none', () => {
		const claims = fixtureClaims('risc.account-enabled');
		expect(accept(claims).events[0].occurredAt).toBe(new Date(claims.iat * 1000).toISOString());
	});

	it.each([
		['caep.credential-change.create', 'caep/credential-change create'],
		['caep.session-revoked.complex', 'caep/session-revoked'],
		['caep.token-claims-change', 'caep/token-claims-change'],
		['ssf.verification', 'ssf/verification'],
		['ssf.stream-updated', 'ssf/stream-updated'],
	])('counts %s and emits nothing', (name, reason) => {
		const { events, summary } = accept(fixtureClaims(name));
		expect(events).toEqual([]);
		expect(summary).toEqual({ received: 1, emitted: 0, duplicates: 0, failedOutcomes: 0, unselected: 0, ignored: { [reason]: 1 } });
	});

	it('counts an event whose subject names no user, and one of an event type outside CAEP and RISC', () => {
		const device = fixtureClaims('risc.account-disabled', { sub_id: { format: 'complex', device: { format: 'opaque', id: 'd-1' } } });
		expect(accept(device).summary.ignored).toEqual({ 'risc/account-disabled (the subject names no user: complex)': 1 });
		const other = fixtureClaims('risc.account-enabled', { events: { 'urn:example:secevent:events:type_2': {} } });
		expect(accept(other).summary.ignored).toEqual({ 'urn:example:secevent:events:type_2': 1 });
	});

	it('discards an event whose subject has a member the transmitter marks critical and the receiver does not process', () => {
		const claims = fixtureClaims('caep.credential-change.revoke', {
			sub_id: { format: 'complex', user: { format: 'email', email: 'jane.smith@example.com' }, device: { format: 'opaque', id: 'd-1' } },
		});
		const critical = accept(claims, { prepared: prepared({ criticalSubjectMembers: ['user', 'device'] }) });
		expect(critical.summary.ignored).toEqual({ 'caep/credential-change (critical subject member device not understood)': 1 });
		expect(accept(claims, { prepared: prepared({ criticalSubjectMembers: ['user', 'tenant'] }) }).events).toHaveLength(1);
	});

	it('acts on the first event type it understands when a SET names alternatives', () => {
		const claims = fixtureClaims('risc.account-disabled', {
			events: { 'urn:example:legacy:disabled': {}, [ssfEventUri('risc/account-disabled')]: {} },
		});
		expect(accept(claims).events.map((event) => event.type)).toEqual(['user.suspended']);
	});

	it('adds the claims as raw only when asked', () => {
		const claims = fixtureClaims('risc.account-enabled');
		expect(accept(claims).events[0].raw).toBeUndefined();
		expect(accept(claims, { includeRaw: true }).events[0].raw).toMatchObject({ jti: claims.jti, sub_id: claims.sub_id });
	});

	it('requests exactly the event types behind the selected events', () => {
		expect(ssfEventsRequestedFor(['user.mfa_reset', 'group.created'])).toEqual([
			'https://schemas.openid.net/secevent/caep/event-type/credential-change',
			'https://schemas.openid.net/secevent/risc/event-type/credential-compromise',
		]);
		expect(ssfEventsRequestedFor(['group.created'])).toEqual([]);
	});
});
