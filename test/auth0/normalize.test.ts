import {
	IdentityEventSchema,
	type IdentityEvent,
	type IdentityEventType,
} from '../../nodes/shared/model';
import { AUTH0_EVENT_MAP } from '../../nodes/IdpEventTrigger/providers/auth0/auth0.eventMap';
import { normalizeAuth0Delivery } from '../../nodes/IdpEventTrigger/providers/auth0/auth0.normalize';
import { parseAuth0Delivery } from '../../nodes/IdpEventTrigger/providers/auth0/auth0.parse';
import { inbound } from '../helpers/inboundRequest';
import { auth0FixtureNames, auth0FixtureText } from './support/fixtures';

const JANE = 'auth0|65f000000000000000000001';
const JOHN = 'auth0|65f000000000000000000002';
const ROLE = 'rol_MFAUSERS00000001';
const ROLE2 = 'rol_ADMINS0000000002';
const GROUP = 'grp_01J00000000000000000000001';

function normalizeFixture(name: string, includeRaw = false) {
	const parsed = parseAuth0Delivery(
		inbound('POST', { 'content-type': 'application/json' }, auth0FixtureText(name)),
	);
	if (!parsed.ok) throw new Error(parsed.message);
	return normalizeAuth0Delivery(parsed.value, { tenant: 'fallback.auth0.test', includeRaw });
}

function field<T>(
	event: IdentityEvent,
	pick: (e: IdentityEvent & Record<string, unknown>) => T,
): T {
	return pick(event as IdentityEvent & Record<string, unknown>);
}

type Row = {
	types: IdentityEventType[];
	eventTypes?: string[];
	check?: (events: IdentityEvent[]) => void;
	ignored?: Record<string, number>;
	failed?: number;
};

const userOf = (event: IdentityEvent) => ('user' in event ? event.user : undefined);
const groupOf = (event: IdentityEvent) => ('group' in event ? event.group : undefined);
const mfaOf = (event: IdentityEvent) => (event.type === 'user.mfa_reset' ? event.mfa : undefined);

const table: Record<string, Row> = {
	'log.ss': {
		types: ['user.created'],
		eventTypes: ['ss'],
		check: ([e]) =>
			expect(userOf(e)).toEqual({
				id: JANE,
				login: 'jane.doe@acme.test',
				email: 'jane.doe@acme.test',
				attributes: { connection: 'Username-Password-Authentication' },
			}),
	},
	'log.sapi.create-user': {
		types: ['user.created'],
		eventTypes: ['sapi POST /api/v2/users'],
		check: ([e]) =>
			expect(userOf(e)).toMatchObject({
				id: JANE,
				email: 'jane.doe@acme.test',
				givenName: 'Jane',
				familyName: 'Doe',
			}),
	},
	'log.sapi.update-user': {
		types: ['user.updated'],
		eventTypes: ['sapi PATCH /api/v2/users/{id}'],
		check: ([e]) =>
			expect(userOf(e)).toMatchObject({ id: JANE, givenName: 'Janet', displayName: 'Janet Doe' }),
	},
	'log.sapi.block-user': {
		types: ['user.suspended'],
		eventTypes: ['sapi PATCH /api/v2/users/{id} blocked=true'],
		check: ([e]) => expect(userOf(e)).toMatchObject({ id: JANE, status: 'suspended' }),
	},
	'log.sapi.unblock-user': {
		types: ['user.reactivated'],
		eventTypes: ['sapi PATCH /api/v2/users/{id} blocked=false'],
		check: ([e]) => expect(userOf(e)).toMatchObject({ id: JANE, status: 'active' }),
	},
	'log.sapi.block-user-with-profile': {
		types: ['user.suspended', 'user.updated'],
		check: ([blocked, profile]) => {
			expect(profile.id).toBe(`${blocked.id}:profile`);
			expect(profile.source.eventIds).toEqual([profile.id]);
			expect(userOf(profile)).toMatchObject({ familyName: 'Roe' });
		},
	},
	'log.sapi.password-only': {
		types: [],
		ignored: { 'sapi PATCH /api/v2/users/{id} (no profile change)': 1 },
	},
	'log.sdu': {
		types: ['user.deleted'],
		eventTypes: ['sdu'],
		check: ([e]) => expect(userOf(e)?.id).toBe(JANE),
	},
	'log.sapi.delete-user': {
		types: ['user.deleted'],
		eventTypes: ['sapi DELETE /api/v2/users/{id}'],
		check: ([e]) => expect(userOf(e)).toEqual({ id: JANE, attributes: {} }),
	},
	'log.gd_unenroll': {
		types: ['user.mfa_reset'],
		eventTypes: ['gd_unenroll'],
		check: ([e]) => {
			expect(userOf(e)).toMatchObject({ id: JOHN, login: 'john.smith@acme.test' });
			expect(mfaOf(e)).toEqual({
				all: false,
				factors: [{ type: 'push', provider: 'guardian', name: 'Pixel 9' }],
			});
		},
	},
	'log.sapi.reset-authenticators': {
		types: ['user.mfa_reset'],
		eventTypes: ['sapi DELETE /api/v2/users/{id}/authenticators'],
		check: ([e]) => expect(mfaOf(e)).toEqual({ all: true, factors: [] }),
	},
	'log.sapi.delete-authentication-methods': {
		types: ['user.mfa_reset'],
		eventTypes: ['sapi DELETE /api/v2/users/{id}/authentication-methods'],
		check: ([e]) => expect([userOf(e)?.id, mfaOf(e)]).toEqual([JOHN, { all: true, factors: [] }]),
	},
	'log.sapi.delete-authentication-method': {
		types: ['user.mfa_reset'],
		eventTypes: ['sapi DELETE /api/v2/users/{id}/authentication-methods/{method_id}'],
		check: ([e]) =>
			expect(mfaOf(e)).toEqual({
				all: false,
				factors: [{ type: 'totp', name: 'totp|dev_TOTP0001' }],
			}),
	},
	'log.sapi.delete-multifactor': {
		types: ['user.mfa_reset'],
		eventTypes: ['sapi DELETE /api/v2/users/{id}/multifactor/{provider}'],
		check: ([e]) =>
			expect(mfaOf(e)).toEqual({
				all: false,
				factors: [{ type: 'google-authenticator', provider: 'google-authenticator' }],
			}),
	},
	'log.sapi.create-role': {
		types: ['group.created'],
		eventTypes: ['sapi POST /api/v2/roles'],
		check: ([e]) => expect(groupOf(e)).toEqual({ id: ROLE, name: 'MFA-Users' }),
	},
	'log.sapi.rename-role': {
		types: ['group.renamed'],
		eventTypes: ['sapi PATCH /api/v2/roles/{id}'],
		check: ([e]) => expect(groupOf(e)).toEqual({ id: ROLE, name: 'MFA-Everyone' }),
	},
	'log.sapi.update-role-description': {
		types: [],
		ignored: { 'sapi PATCH /api/v2/roles/{id} (name unchanged)': 1 },
	},
	'log.sapi.delete-role': {
		types: ['group.deleted'],
		eventTypes: ['sapi DELETE /api/v2/roles/{id}'],
		check: ([e]) => expect(groupOf(e)).toEqual({ id: ROLE }),
	},
	'log.sapi.assign-user-roles': {
		types: ['group.member_added', 'group.member_added'],
		eventTypes: ['sapi POST /api/v2/users/{id}/roles', 'sapi POST /api/v2/users/{id}/roles'],
		check: (events) => {
			expect(events.map((e) => [userOf(e)?.id, groupOf(e)?.id])).toEqual([
				[JANE, ROLE],
				[JANE, ROLE2],
			]);
			expect(new Set(events.map((e) => e.id)).size).toBe(2);
		},
	},
	'log.sapi.assign-role-users': {
		types: ['group.member_added', 'group.member_added'],
		eventTypes: ['sapi POST /api/v2/roles/{id}/users', 'sapi POST /api/v2/roles/{id}/users'],
		check: (events) => expect(events.map((e) => userOf(e)?.id)).toEqual([JANE, JOHN]),
	},
	'log.sapi.remove-user-roles': {
		types: ['group.member_removed'],
		eventTypes: ['sapi DELETE /api/v2/users/{id}/roles'],
		check: ([e]) => expect([userOf(e)?.id, groupOf(e)]).toEqual([JANE, { id: ROLE }]),
	},
	'log.fs.failure': { types: [], failed: 1 },
	'log.unmapped': { types: [], ignored: { s: 1, 'sapi PATCH /api/v2/clients': 1 } },
	'log.batch': {
		types: ['user.created', 'group.member_added', 'user.suspended'],
		check: (events) => {
			expect(events.map((e) => e.occurredAt)).toEqual([
				'2026-05-04T10:15:01.000Z',
				'2026-05-04T10:15:02.000Z',
				'2026-05-04T10:15:03.000Z',
			]);
		},
		ignored: { 'repeated within the delivery': 1 },
	},
	'event.user.created': {
		types: ['user.created'],
		eventTypes: ['user.created'],
		check: ([e]) =>
			expect(userOf(e)).toEqual({
				id: JANE,
				login: 'jane.doe@acme.test',
				email: 'jane.doe@acme.test',
				givenName: 'Jane',
				familyName: 'Doe',
				displayName: 'Jane Doe',
				attributes: {},
			}),
	},
	'event.com.auth0.user.created': { types: ['user.created'], eventTypes: ['user.created'] },
	'event.user.updated': {
		types: ['user.updated'],
		eventTypes: ['user.updated'],
		check: ([e]) => expect(userOf(e)).toMatchObject({ familyName: 'Roe' }),
	},
	'event.user.updated.blocked': {
		types: ['user.suspended'],
		eventTypes: ['user.updated blocked=true'],
		check: ([e]) => expect(userOf(e)?.status).toBe('suspended'),
	},
	'event.user.updated.unblocked': {
		types: ['user.reactivated'],
		eventTypes: ['user.updated blocked=false'],
	},
	'event.user.updated.sign-in-only': {
		types: [],
		ignored: { 'user.updated (no profile change)': 1 },
	},
	'event.user.deleted': { types: ['user.deleted'], eventTypes: ['user.deleted'] },
	'event.group.created': {
		types: ['group.created'],
		eventTypes: ['group.created'],
		check: ([e]) => expect(groupOf(e)).toEqual({ id: GROUP, name: 'MFA-Users' }),
	},
	'event.group.updated': {
		types: ['group.renamed'],
		eventTypes: ['group.updated'],
		check: ([e]) =>
			expect(groupOf(e)).toEqual({ id: GROUP, name: 'MFA-Everyone', previousName: 'MFA-Users' }),
	},
	'event.group.deleted': { types: ['group.deleted'], eventTypes: ['group.deleted'] },
	'event.group.member.added': {
		types: ['group.member_added'],
		eventTypes: ['group.member.added'],
		check: ([e]) =>
			expect([userOf(e), groupOf(e)]).toEqual([{ id: JOHN, attributes: {} }, { id: GROUP }]),
	},
	'event.group.member.deleted': {
		types: ['group.member_removed'],
		eventTypes: ['group.member.deleted'],
	},
	'event.user.created.test': { types: [], ignored: { 'user.created (test event)': 1 } },
	'event.organization.created.unmapped': { types: [], ignored: { 'organization.created': 1 } },
};

describe('Auth0 normalization, table-driven over the fixtures', () => {
	it('has a row for every fixture', () => {
		expect(auth0FixtureNames().sort()).toEqual(Object.keys(table).sort());
	});

	it('has a fixture producing every mapped Auth0 event', () => {
		const produced = new Set(
			auth0FixtureNames().flatMap((name) =>
				normalizeFixture(name).events.map((e) => e.source.eventType),
			),
		);
		expect(Object.keys(AUTH0_EVENT_MAP).filter((key) => !produced.has(key))).toEqual([]);
	});

	it.each(Object.entries(table))('%s', (name, row) => {
		const outcome = normalizeFixture(name);
		expect(outcome.events.map((e) => e.type)).toEqual(row.types);
		if (row.eventTypes)
			expect(outcome.events.map((e) => e.source.eventType)).toEqual(row.eventTypes);
		expect(outcome.ignored).toEqual(row.ignored ?? {});
		expect(outcome.failedOutcomes).toBe(row.failed ?? 0);
		for (const event of outcome.events) {
			expect(IdentityEventSchema.parse(event)).toEqual(event);
			expect(event.source).toMatchObject({
				idp: 'auth0',
				tenant: 'acme-prod',
				eventIds: [event.id],
			});
			expect(AUTH0_EVENT_MAP[event.source.eventType as keyof typeof AUTH0_EVENT_MAP]).toBe(
				event.type,
			);
			expect(event).not.toHaveProperty('raw');
		}
		row.check?.(outcome.events);
	});

	it('names the acting application or admin', () => {
		const [sapi] = normalizeFixture('log.sapi.block-user').events;
		expect(sapi.actor).toEqual({
			id: 'm2mCLIENTid0000000000000000000001',
			type: 'client',
			displayName: 'provisioning-bot',
		});
		const [cloud] = normalizeFixture('event.user.updated').events;
		expect(cloud.actor).toEqual({
			id: 'm2mCLIENT0001',
			type: 'client',
			displayName: 'provisioning-bot',
		});
	});

	it('keeps the log line or CloudEvent as raw on request', () => {
		const [log] = normalizeFixture('log.ss', true).events;
		expect(field(log, (e) => e.raw)).toMatchObject({ log_id: log.id, data: { type: 'ss' } });
		const [cloud] = normalizeFixture('event.user.created', true).events;
		expect(field(cloud, (e) => e.raw)).toMatchObject({ id: cloud.id, type: 'user.created' });
	});

	it('uses the fallback tenant when a log has no tenant_name', () => {
		const body = JSON.parse(auth0FixtureText('log.sdu'));
		delete body[0].data.tenant_name;
		const parsed = parseAuth0Delivery(inbound('POST', {}, JSON.stringify(body)));
		if (!parsed.ok) throw new Error(parsed.message);
		const [event] = normalizeAuth0Delivery(parsed.value, {
			tenant: 'acme.us.auth0.com',
			includeRaw: false,
		}).events;
		expect(event.source.tenant).toBe('acme.us.auth0.com');
	});
});
