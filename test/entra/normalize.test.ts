import {
	IdentityEventSchema,
	type IdentityEvent,
	type IdentityEventType,
} from '../../nodes/shared/model';
import { ENTRA_EVENT_MAP } from '../../nodes/IdpEventTrigger/providers/entra/entra.eventMap';
import {
	ENTRA_CLASSIFICATION_OUTCOMES,
	entraCandidateTypes,
	isProvisional,
	isSynthesizedNotificationId,
	normalizeGraphDelivery,
} from '../../nodes/IdpEventTrigger/providers/entra/entra.normalize';
import { parseGraphDelivery } from '../../nodes/IdpEventTrigger/providers/entra/entra.parse';
import { inbound } from '../helpers/inboundRequest';
import { entraFixtureNames, entraFixtureText } from './support/fixtures';

const TENANT = 'aaaabbbb-0000-cccc-1111-dddd2222eeee';
const JANE = '00000000-1111-2222-3333-444444444444';
const JOHN = '4d147cc8-10cb-4158-ac52-90ee8ff9d846';
const ANN = '9a1e0c2b-5d6e-4f70-8a9b-0c1d2e3f4a5b';
const GROUP = '0bc7d487-fd6f-41a0-8362-71ec81074f11';
const RECEIVED_AT = '2026-05-04T10:15:00.000Z';

function normalizeFixture(
	name: string,
	options: { includeRaw?: boolean; receivedAt?: string } = {},
) {
	const parsed = parseGraphDelivery(
		inbound('POST', { 'content-type': 'application/json' }, entraFixtureText(name)),
	);
	if (!parsed.ok) throw new Error(parsed.message);
	return normalizeGraphDelivery(parsed.value, {
		tenant: 'fallback-tenant',
		includeRaw: options.includeRaw ?? false,
		receivedAt: options.receivedAt ?? RECEIVED_AT,
	});
}

const subject = (event: IdentityEvent) => ({
	user: 'user' in event ? event.user.id : undefined,
	group: 'group' in event ? event.group.id : undefined,
});

type Row = {
	types: IdentityEventType[];
	eventTypes: string[];
	check?: (events: IdentityEvent[]) => void;
	ignored?: Record<string, number>;
};

const table: Record<string, Row> = {
	'users.updated': {
		types: ['user.updated'],
		eventTypes: ['users:updated'],
		check: ([e]) => {
			expect(e.id).toBe('lsgTZMr9KwAAA');
			expect(subject(e)).toEqual({ user: JANE, group: undefined });
		},
	},
	'users.updated.burst': {
		types: ['user.updated', 'user.updated'],
		eventTypes: ['users:updated', 'users:updated'],
		check: ([jane, john]) => {
			expect(subject(jane).user).toBe(JANE);
			expect(subject(john).user).toBe(JOHN);
			expect(jane.source.eventIds).toHaveLength(1);
			expect(john.source.eventIds).toEqual(['lsgTZMr9KwAAB']);
		},
	},
	'users.deleted': { types: ['user.deleted'], eventTypes: ['users:deleted'] },
	'groups.updated': {
		types: ['group.renamed'],
		eventTypes: ['groups:updated'],
		check: ([e]) => expect(subject(e)).toEqual({ user: undefined, group: GROUP }),
	},
	'groups.updated.members-added': {
		types: ['group.member_added', 'group.member_added'],
		eventTypes: ['groups:updated:member_added', 'groups:updated:member_added'],
		check: (events) => {
			expect(events.map(subject)).toEqual([
				{ user: JOHN, group: GROUP },
				{ user: ANN, group: GROUP },
			]);
			expect(events[0].id).toMatch(new RegExp(`^graph-[0-9a-f]{32}:${JOHN}:added$`));
		},
	},
	'groups.updated.members-removed': {
		types: ['group.member_removed', 'group.member_removed'],
		eventTypes: ['groups:updated:member_removed', 'groups:updated:member_removed'],
		check: (events) =>
			expect(events.map((e) => e.id)).toEqual([
				`lsgTZMr9KwAAE:${JOHN}:removed`,
				`lsgTZMr9KwAAE:${ANN}:removed`,
			]),
	},
	'groups.deleted': { types: ['group.deleted'], eventTypes: ['groups:deleted'] },
	'lifecycle.missed': {
		types: ['sync.events_missed'],
		eventTypes: ['lifecycle:missed'],
		check: ([e]) =>
			expect(e.type === 'sync.events_missed' && e.notice).toEqual({
				reason: 'missed',
				resource: '/users',
				subscriptionId: '7f105c7d-2dc5-4530-97cd-4e7ae6534c07',
			}),
	},
	'lifecycle.subscriptionRemoved': {
		types: ['sync.events_missed'],
		eventTypes: ['lifecycle:subscriptionRemoved'],
		check: ([e]) =>
			expect(e.type === 'sync.events_missed' && e.notice.reason).toBe('subscriptionRemoved'),
	},
	'lifecycle.reauthorizationRequired': {
		types: [],
		eventTypes: [],
		ignored: { 'lifecycle:reauthorizationRequired': 1 },
	},
	'messages.created.unmapped': {
		types: [],
		eventTypes: [],
		ignored: { '#Microsoft.Graph.Message:created': 1 },
	},
	mixed: {
		types: ['user.updated', 'group.member_added', 'user.deleted'],
		eventTypes: ['users:updated', 'groups:updated:member_added', 'users:deleted'],
		ignored: { 'lifecycle:reauthorizationRequired': 1 },
	},
};

describe('Microsoft Graph normalization, table-driven over the fixtures', () => {
	it('has a row for every fixture', () => {
		expect(entraFixtureNames().sort()).toEqual(Object.keys(table).sort());
	});

	it('covers every mapped key, directly or as an outcome of a provisional event from a fixture', () => {
		const produced = new Set(
			entraFixtureNames().flatMap((name) =>
				normalizeFixture(name).events.map((e) => e.source.eventType),
			),
		);
		const reachable = new Set(
			[...produced].flatMap((key) =>
				isProvisional(key) ? [key, ...ENTRA_CLASSIFICATION_OUTCOMES[key]] : [key],
			),
		);
		expect(Object.keys(ENTRA_EVENT_MAP).filter((key) => !reachable.has(key))).toEqual([]);
	});

	it.each(Object.entries(table))('%s', (name, row) => {
		const outcome = normalizeFixture(name);
		expect(outcome.events.map((e) => e.type)).toEqual(row.types);
		expect(outcome.events.map((e) => e.source.eventType)).toEqual(row.eventTypes);
		expect(outcome.ignored).toEqual(row.ignored ?? {});
		for (const event of outcome.events) {
			expect(IdentityEventSchema.parse(event)).toEqual(event);
			expect(event.source).toMatchObject({ idp: 'entra', tenant: TENANT });
			expect(event.source.eventIds).toContain(event.id);
			expect(event.occurredAt).toBe(RECEIVED_AT);
			if (!isProvisional(event.source.eventType)) {
				expect(ENTRA_EVENT_MAP[event.source.eventType as keyof typeof ENTRA_EVENT_MAP]).toBe(
					event.type,
				);
			}
		}
		row.check?.(outcome.events);
	});

	it('merges a burst of notifications about one user into one event carrying every id', () => {
		const [jane] = normalizeFixture('users.updated.burst').events;
		// three identical notifications without ids share one digest id
		expect(jane.source.eventIds).toEqual([jane.id]);
		const [withIds] = normalizeFixture('mixed').events;
		expect(withIds.source.eventIds).toEqual(['mix1']);
	});

	it('gives a notification without id a made-up id of its own arrival, never used to suppress duplicates', () => {
		const idAt = (receivedAt: string) =>
			normalizeFixture('groups.updated.members-added', { receivedAt }).events[0].id;
		const first = idAt('2026-05-04T10:15:10.000Z');
		expect(idAt('2026-05-04T10:15:10.000Z')).toBe(first);
		expect(idAt('2026-05-04T10:15:50.000Z')).not.toBe(first);
		expect(isSynthesizedNotificationId(first)).toBe(true);
		const [withIds] = normalizeFixture('mixed').events;
		expect(withIds.source.eventIds.some(isSynthesizedNotificationId)).toBe(false);
	});

	it('names what a provisional event may still become, so Trigger On can keep it', () => {
		const [user] = normalizeFixture('users.updated').events;
		expect(entraCandidateTypes(user)).toEqual([
			'user.created',
			'user.updated',
			'user.suspended',
			'user.reactivated',
			'user.deleted',
		]);
		const [group] = normalizeFixture('groups.updated').events;
		expect(entraCandidateTypes(group)).toEqual(['group.created', 'group.renamed', 'group.deleted']);
		const [member] = normalizeFixture('groups.updated.members-added').events;
		expect(entraCandidateTypes(member)).toEqual([]);
	});

	it('keeps the notifications as raw on request', () => {
		const [jane] = normalizeFixture('users.updated.burst', { includeRaw: true }).events;
		expect(Array.isArray(jane.raw) && jane.raw).toHaveLength(3);
		const [single] = normalizeFixture('users.updated', { includeRaw: true }).events;
		expect(single.raw).toMatchObject({ id: 'lsgTZMr9KwAAA', changeType: 'updated' });
	});
});
