import { IdentityEventSchema, type IdentityEventType } from '../../nodes/shared/model';
import { OKTA_EVENT_MAP } from '../../nodes/IdpEventTrigger/providers/okta/okta.eventMap';
import { normalizeOktaDelivery } from '../../nodes/IdpEventTrigger/providers/okta/okta.normalize';
import { OktaEventHookDeliverySchema } from '../../nodes/IdpEventTrigger/providers/okta/okta.wire';
import { oktaFixture, oktaFixtureNames } from '../helpers/oktaFixtures';

const JANE = { id: '00uJDOE0000000000001', login: 'jane.doe@acme.test', displayName: 'Jane Doe' };
const GROUP = { id: '00gMFAUSERS00000001', name: 'MFA-Users' };

type Expectation = { types: IdentityEventType[]; check?: (events: any[]) => void };

const table: Record<string, Expectation> = {
	'user.lifecycle.create': { types: ['user.created'], check: ([e]) => expect(e.user).toMatchObject(JANE) },
	'user.lifecycle.activate': { types: ['user.reactivated'] },
	'user.account.update_profile': { types: ['user.updated'], check: ([e]) => expect(e.user).toMatchObject(JANE) },
	'user.lifecycle.suspend': { types: ['user.suspended'] },
	'user.lifecycle.unsuspend': { types: ['user.reactivated'] },
	'user.lifecycle.reactivate': { types: ['user.reactivated'] },
	'user.lifecycle.deactivate': { types: ['user.deactivated'] },
	'user.lifecycle.delete.initiated': { types: ['user.deleted'], check: ([e]) => expect(e.user.id).toBe(JANE.id) },
	'user.mfa.factor.reset_all': {
		types: ['user.mfa_reset'],
		check: ([e]) => expect(e.mfa).toEqual({ all: true, factors: [] }),
	},
	'user.mfa.factor.deactivate': {
		// three raw events, one per factor; coalescing happens later in the pipeline
		types: ['user.mfa_reset', 'user.mfa_reset', 'user.mfa_reset'],
		check: (events) => {
			expect(events.map((e) => e.mfa.factors[0])).toEqual([
				{ type: 'push', provider: 'OKTA', name: 'Okta Verify' },
				{ type: 'signed_nonce', provider: 'OKTA', name: 'Okta Verify' },
				{ type: 'web', provider: 'DUO', name: 'Duo Security' },
			]);
			expect(events.every((e) => e.mfa.all === false)).toBe(true);
		},
	},
	'group.lifecycle.create': { types: ['group.created'], check: ([e]) => expect(e.group).toEqual(GROUP) },
	'group.profile.update': {
		types: ['group.renamed'],
		check: ([e]) => expect(e.group).toEqual({ id: GROUP.id, name: 'MFA-Everyone', previousName: 'MFA-Users' }),
	},
	'group.lifecycle.delete': { types: ['group.deleted'], check: ([e]) => expect(e.group).toEqual(GROUP) },
	'group.user_membership.add': {
		types: ['group.member_added'],
		check: ([e]) => {
			expect(e.user).toMatchObject(JANE);
			expect(e.group).toEqual(GROUP);
		},
	},
	'group.user_membership.remove': { types: ['group.member_removed'] },
	'user.lifecycle.suspend.failure': { types: [] },
	'group.profile.update.description-only': { types: [] },
	'user.session.start.unmapped': { types: [] },
};

describe('Okta normalization, table-driven over the fixtures', () => {
	it('has an expectation for every fixture and a fixture for every mapped Okta event type', () => {
		expect(oktaFixtureNames().sort()).toEqual(Object.keys(table).sort());
		for (const oktaType of Object.keys(OKTA_EVENT_MAP)) expect(table[oktaType]).toBeDefined();
	});

	it.each(Object.entries(table))('%s', (name, expectation) => {
		const delivery = OktaEventHookDeliverySchema.parse(oktaFixture(name));
		const outcome = normalizeOktaDelivery(delivery, { tenant: 'fallback', includeRaw: false });
		expect(outcome.events.map((e) => e.type)).toEqual(expectation.types);
		for (const event of outcome.events) {
			expect(IdentityEventSchema.parse(event)).toEqual(event);
			expect(event.source).toMatchObject({ idp: 'okta', tenant: 'acme.okta.example', eventIds: [event.id] });
			expect(event.actor).toMatchObject({ id: '00uADMIN000000000001', login: 'it.admin@acme.test' });
			expect(event).not.toHaveProperty('raw');
		}
		expectation.check?.(outcome.events);
	});

	it('counts failed outcomes and unmapped or unchanged-name events instead of failing', () => {
		const failed = normalizeOktaDelivery(OktaEventHookDeliverySchema.parse(oktaFixture('user.lifecycle.suspend.failure')), { tenant: 't', includeRaw: false });
		expect(failed.failedOutcomes).toBe(1);
		const unmapped = normalizeOktaDelivery(OktaEventHookDeliverySchema.parse(oktaFixture('user.session.start.unmapped')), { tenant: 't', includeRaw: false });
		expect(unmapped.ignored).toEqual({ 'user.session.start': 1 });
		const description = normalizeOktaDelivery(OktaEventHookDeliverySchema.parse(oktaFixture('group.profile.update.description-only')), { tenant: 't', includeRaw: false });
		expect(description.ignored).toEqual({ 'group.profile.update (name unchanged)': 1 });
	});

	it('orders events by published time, not by position in the delivery', () => {
		const delivery = oktaFixture('group.user_membership.add');
		const later = { ...delivery.data.events[0], uuid: 'later', published: '2026-05-04T10:20:00.000Z', eventType: 'group.user_membership.remove' };
		const earlier = { ...delivery.data.events[0], uuid: 'earlier', published: '2026-05-04T10:00:00.000Z' };
		delivery.data.events = [later, earlier];
		const outcome = normalizeOktaDelivery(OktaEventHookDeliverySchema.parse(delivery), { tenant: 't', includeRaw: false });
		expect(outcome.events.map((e) => e.id)).toEqual(['earlier', 'later']);
	});

	it('attaches the raw Okta event only when asked', () => {
		const delivery = OktaEventHookDeliverySchema.parse(oktaFixture('user.lifecycle.create'));
		const [event] = normalizeOktaDelivery(delivery, { tenant: 't', includeRaw: true }).events;
		expect(event.raw).toMatchObject({ uuid: delivery.data.events[0].uuid, eventType: 'user.lifecycle.create' });
	});

	it('records the delivery id and falls back to the configured tenant when the source is absent', () => {
		const delivery = oktaFixture('user.lifecycle.create');
		delete delivery.source;
		const [event] = normalizeOktaDelivery(OktaEventHookDeliverySchema.parse(delivery), { tenant: 'acme.okta.com', includeRaw: false }).events;
		expect(event.source).toMatchObject({ tenant: 'acme.okta.com', deliveryId: delivery.eventId, eventType: 'user.lifecycle.create' });
	});
});
