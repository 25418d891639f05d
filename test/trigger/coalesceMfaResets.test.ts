import { coalesceMfaResets } from '../../nodes/IdpEventTrigger/pipeline/coalesceMfaResets';
import { normalizeOktaDelivery } from '../../nodes/IdpEventTrigger/providers/okta/okta.normalize';
import { OktaEventHookDeliverySchema } from '../../nodes/IdpEventTrigger/providers/okta/okta.wire';
import { oktaFixture } from '../helpers/oktaFixtures';

function normalize(delivery: unknown, includeRaw = false) {
	return normalizeOktaDelivery(OktaEventHookDeliverySchema.parse(delivery), { tenant: 't', includeRaw }).events;
}

describe('MFA reset burst coalescing', () => {
	it('turns an Identity Engine burst into one event per user carrying every factor', () => {
		const delivery = oktaFixture('user.mfa.factor.deactivate');
		const raw = delivery.data.events.map((e: { uuid: string }) => e.uuid);
		const [merged, ...rest] = coalesceMfaResets(normalize(delivery));
		expect(rest).toEqual([]);
		expect(merged).toMatchObject({
			type: 'user.mfa_reset',
			id: raw[0],
			source: { eventIds: raw },
			mfa: { all: false, factors: [{ type: 'push' }, { type: 'signed_nonce' }, { type: 'web', provider: 'DUO' }] },
		});
	});

	it('keeps separate users separate and other events in place', () => {
		const delivery = oktaFixture('user.mfa.factor.deactivate');
		const [a, b, c] = delivery.data.events;
		const other = { ...b, target: [{ ...b.target[0], id: '00uOTHER00000000001', alternateId: 'other@acme.test' }, b.target[1]] };
		const add = { ...oktaFixture('group.user_membership.add').data.events[0], published: new Date(Date.parse(b.published) + 500).toISOString() };
		delivery.data.events = [a, other, add, c];
		const events = coalesceMfaResets(normalize(delivery));
		expect(events.map((e) => `${e.type}:${'user' in e ? e.user.id : ''}`)).toEqual([
			'user.mfa_reset:00uJDOE0000000000001',
			'user.mfa_reset:00uOTHER00000000001',
			'group.member_added:00uJDOE0000000000001',
		]);
		expect(events[0].source.eventIds).toEqual([a.uuid, c.uuid]);
	});

	it('merges a Classic reset_all with factor resets into one "all" reset and collects raw events', () => {
		const burst = oktaFixture('user.mfa.factor.deactivate');
		burst.data.events.push({ ...oktaFixture('user.mfa.factor.reset_all').data.events[0], published: '2026-05-04T10:16:30.000Z' });
		const [merged] = coalesceMfaResets(normalize(burst, true));
		expect(merged.type === 'user.mfa_reset' && merged.mfa.all).toBe(true);
		expect(merged.raw).toHaveLength(4);
	});

	it('is deterministic: a retried delivery coalesces to the same id', () => {
		const first = coalesceMfaResets(normalize(oktaFixture('user.mfa.factor.deactivate')));
		const retry = coalesceMfaResets(normalize(oktaFixture('user.mfa.factor.deactivate')));
		expect(retry.map((e) => e.id)).toEqual(first.map((e) => e.id));
	});
});
