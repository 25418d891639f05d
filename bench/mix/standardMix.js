// The standard Okta → Duo workload: a deterministic Okta directory, the matching starting Duo account, a stream
// of Okta Event Hook deliveries, the Duo state it should end in, and the lower bounds on Duo API calls.
// Every benchmark and the reliability suite run on it, so figures from different runs describe the same work.
//
//   generateStandardMix({ users: 2000, groups: 500, events: 5000, seed: 42 })
//
// Returns { params, okta: {users, groups, memberships}, duo: {users, groups}, deliveries, expected, lowerBound }.
// The Okta directory is the state after the stream (what enrichment reads when the events are replayed). Writes
// in the bounds are counted per event against that final directory, so a user updated twice counts two writes
// although a replay that reads the final profile needs one: the bounds are slightly generous.
'use strict';

const FIRST = ['Ana', 'Björn', 'Chloé', 'Dmitri', 'Eve', 'Farah', 'Gōrō', 'Hana', 'Iker', 'José', 'Kwame', 'Léa', 'Mohammed', 'Nora', 'Olu', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tomás'];
const LAST = ['Smith', 'Müller', "O'Brien", 'García', 'Nakamura', 'Kowalski', 'Ng', 'Dubois', 'Ivanova', 'Okafor', 'Rossi', 'Johansson', 'Silva', 'Kim', 'Nguyen'];
const DEPARTMENTS = ['Engineering', 'Finance', 'Sales', 'Support', 'Legal', 'IT', 'HR', 'Ops'];
const RESET_FACTORS = ['OKTA_VERIFY_PUSH', 'SIGNED_NONCE', 'OKTA_SOFT_TOKEN', 'WEBAUTHN'];
/** Relative weights of the kinds of change the stream draws. */
const CHANGE_WEIGHTS = [['create', 10], ['update', 25], ['add', 30], ['remove', 15], ['suspend', 5], ['unsuspend', 4], ['reset', 5], ['deactivate', 3], ['delete', 3]];
const STREAM_START = Date.parse('2026-11-01T00:00:00.000Z');
const GROUPS_PAGE = 100;

const padded = (n, width) => String(n).padStart(width, '0');
const oktaId = (prefix, n) => `${prefix}${padded(n.toString(36), 8)}AbCdE${padded(n % 97, 2)}`.slice(0, 20);

/** A linear congruential generator: the same seed gives the same workload everywhere. */
function numbers(seed) {
	let state = seed >>> 0;
	const next = () => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32;
	return { next, pick: (list) => list[Math.floor(next() * list.length)] };
}

function directory(params, random) {
	const groups = Array.from({ length: params.groups }, (_, i) => ({ id: oktaId('00g', i), name: `mfa-${padded(i, 3)} ${DEPARTMENTS[i % DEPARTMENTS.length]}` }));
	const makeUser = (i) => {
		const first = random.pick(FIRST);
		const last = random.pick(LAST);
		const login = `${first.toLowerCase().normalize('NFD').replace(/[^a-z]/g, '')}.${last.toLowerCase().replace(/[^a-z]/g, '')}${i}@example.com`;
		return { id: oktaId('00u', i), status: 'ACTIVE', profile: { login, email: login, firstName: first, lastName: last, department: random.pick(DEPARTMENTS), mobilePhone: `+1555${padded(i, 7)}` } };
	};
	const users = Array.from({ length: params.users }, (_, i) => makeUser(i));
	const memberships = new Map(groups.map((group) => [group.id, new Set()]));
	for (const user of users) {
		for (let count = Math.floor(random.next() * 4); count > 0; count--) memberships.get(random.pick(groups).id).add(user.id);
	}
	return { groups, users, memberships, makeUser };
}

/** The starting Duo account mirrors the starting directory: username = login, one or two devices each. */
function duoAccount({ groups, users, memberships }) {
	const duoGroups = groups.map((group, i) => ({ group_id: `DG${padded(i, 18)}`, name: group.name, desc: '' }));
	const groupId = new Map(duoGroups.map((group) => [group.name, group.group_id]));
	const duoUsers = users.map((user, i) => ({
		user_id: `DU${padded(i, 18)}`,
		username: user.profile.login,
		email: user.profile.email,
		firstname: user.profile.firstName,
		lastname: user.profile.lastName,
		realname: `${user.profile.firstName} ${user.profile.lastName}`,
		status: 'active',
		alias1: null,
		groups: groups.filter((group) => memberships.get(group.id).has(user.id)).map((group) => groupId.get(group.name)),
		phones: Array.from({ length: 1 + (i % 2) }, (_, k) => ({ phone_id: `DP${padded(i * 2 + k, 18)}`, number: `+1555${padded(i, 7)}`, type: 'Mobile', platform: 'Apple iOS', activated: true })),
		tokens: i % 10 === 0 ? [{ token_id: `DH${padded(i, 18)}`, serial: `${i}`, type: 'yk' }] : [],
		webauthncredentials: i % 7 === 0 ? [{ webauthnkey: `WA${padded(i, 18)}`, credential_name: 'YubiKey', date_added: 0 }] : [],
	}));
	return { users: duoUsers, groups: duoGroups };
}

const ACTOR = { id: '00uadmin0000000000AA', type: 'User', alternateId: 'admin@example.com', displayName: 'Directory Admin', detailEntry: null };
const userTarget = (user) => ({ id: user.id, type: 'User', alternateId: user.profile.login, displayName: `${user.profile.firstName} ${user.profile.lastName}`, detailEntry: null });
const groupTarget = (group) => ({ id: group.id, type: 'UserGroup', alternateId: 'unknown', displayName: group.name, detailEntry: null });

/** The change stream: Okta System Log events as Event Hooks deliver them, and the lower bound they imply. */
function stream(params, random, dir) {
	const state = new Map(dir.users.map((user) => [user.id, { user, status: 'active', groups: new Set(dir.groups.filter((g) => dir.memberships.get(g.id).has(user.id)).map((g) => g.id)), devices: 0, deleted: false }]));
	let clock = STREAM_START;
	let nextUser = params.users;
	let sequence = 0;
	const bound = { writes: 0, lookups: 0 };
	const event = (eventType, target, extra = {}) => ({
		uuid: `e${padded(++sequence, 7)}-0000-11ee-8000-000000000000`,
		published: new Date((clock += 700 + Math.floor(random.next() * 900))).toISOString(),
		eventType, version: '0', severity: 'INFO', legacyEventType: null, displayMessage: eventType, actor: ACTOR,
		client: { userAgent: null, zone: 'null', device: 'Unknown', id: null, ipAddress: '198.51.100.7', geographicalContext: null },
		outcome: { result: 'SUCCESS', reason: null }, target, transaction: { type: 'WEB', id: `tx${sequence}`, detail: {} },
		debugContext: { debugData: extra.debugData ?? {} }, authenticationContext: { externalSessionId: 'trs0000' }, securityContext: {},
		...(extra.outcome ? { outcome: extra.outcome } : {}),
	});
	const liveUser = () => {
		for (;;) {
			const candidate = random.pick([...state.values()]);
			if (!candidate.deleted) return candidate;
		}
	};
	const totalWeight = CHANGE_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
	const drawChange = () => {
		let r = random.next() * totalWeight;
		for (const [kind, weight] of CHANGE_WEIGHTS) if ((r -= weight) < 0) return kind;
		return 'update';
	};
	const events = [];
	while (events.length < params.events) {
		const kind = drawChange();
		let subject;
		switch (kind) {
			case 'create': {
				const user = dir.makeUser(nextUser++);
				dir.users.push(user);
				state.set(user.id, { user, status: 'active', groups: new Set(), devices: 0, deleted: false });
				events.push(event('user.lifecycle.create', [userTarget(user)]));
				bound.lookups++; bound.writes++;
				break;
			}
			case 'update': {
				subject = liveUser();
				const changed = random.next() < 0.7;
				if (changed) subject.user.profile.lastName = random.pick(LAST) + (random.next() < 0.5 ? '-' + random.pick(LAST) : '');
				else subject.user.profile.department = random.pick(DEPARTMENTS); // a change Duo does not store
				events.push(event('user.account.update_profile', [userTarget(subject.user)], { debugData: { changedAttributes: changed ? 'lastName' : 'department' } }));
				bound.lookups++;
				if (changed) bound.writes++;
				break;
			}
			case 'add':
			case 'remove': {
				subject = liveUser();
				const group = kind === 'add' ? random.pick(dir.groups) : subject.groups.size ? dir.groups.find((g) => subject.groups.has(g.id)) : random.pick(dir.groups);
				const had = subject.groups.has(group.id);
				if (kind === 'add') subject.groups.add(group.id);
				else subject.groups.delete(group.id);
				events.push(event(`group.user_membership.${kind}`, [userTarget(subject.user), groupTarget(group)]));
				bound.lookups++;
				if ((kind === 'add') !== had) bound.writes++;
				break;
			}
			case 'suspend':
			case 'unsuspend': {
				subject = liveUser();
				const wanted = kind === 'suspend' ? 'suspended' : 'active';
				const changed = subject.status !== wanted;
				subject.status = wanted;
				subject.user.status = wanted === 'active' ? 'ACTIVE' : 'SUSPENDED';
				events.push(event(`user.lifecycle.${kind}`, [userTarget(subject.user)]));
				bound.lookups++;
				if (changed) bound.writes++;
				break;
			}
			case 'reset': {
				subject = liveUser();
				const factors = RESET_FACTORS.slice(0, 1 + Math.floor(random.next() * 3));
				for (const factor of factors) events.push(event('user.mfa.factor.deactivate', [userTarget(subject.user)], { outcome: { result: 'SUCCESS', reason: `User reset ${factor} factor` } }));
				bound.lookups++;
				subject.devices = -1; // device removals are counted from the Duo seed below
				break;
			}
			case 'deactivate': {
				subject = liveUser();
				const changed = subject.status !== 'deprovisioned';
				subject.status = 'deprovisioned';
				subject.user.status = 'DEPROVISIONED';
				events.push(event('user.lifecycle.deactivate', [userTarget(subject.user)]));
				bound.lookups++;
				if (changed) bound.writes++;
				break;
			}
			case 'delete': {
				subject = liveUser();
				subject.deleted = true;
				events.push(event('user.lifecycle.delete.initiated', [userTarget(subject.user)]));
				bound.lookups++; bound.writes++;
				break;
			}
		}
	}
	return { events, state, bound };
}

/** Events cut into Event Hook deliveries of 1 to 10 events. */
function deliveriesOf(events, random) {
	const deliveries = [];
	for (let i = 0; i < events.length; ) {
		const count = 1 + Math.floor(random.next() * 10);
		const batch = events.slice(i, i + count);
		i += count;
		deliveries.push({ eventType: 'com.okta.event_hook', eventTypeVersion: '1.0', cloudEventsVersion: '0.1', source: 'https://example.okta.com/api/v1/eventHooks/whoEventHookId', eventId: `d${padded(deliveries.length, 6)}`, eventTime: batch[0].published, contentType: 'application/json', data: { events: batch } });
	}
	return deliveries;
}

function generateStandardMix(options = {}) {
	const params = { users: options.users ?? 2000, groups: options.groups ?? 500, events: options.events ?? 5000, seed: options.seed ?? 42 };
	const random = numbers(params.seed);
	const dir = directory(params, random);
	const duo = duoAccount(dir);
	const { events, state, bound } = stream(params, random, dir);
	const duoByLogin = new Map(duo.users.map((user) => [user.username, user]));
	for (const entry of state.values()) {
		if (entry.devices !== -1) continue;
		const seeded = duoByLogin.get(entry.user.profile.login);
		if (seeded) bound.writes += seeded.phones.length + seeded.tokens.length + seeded.webauthncredentials.length;
	}
	const groupPages = Math.ceil(params.groups / GROUPS_PAGE);
	bound.lookups += groupPages; // one listing of all groups, reused
	const deliveries = deliveriesOf(events, random);
	const expected = { duoUsers: {}, deleted: [] };
	for (const entry of state.values()) {
		if (entry.deleted) {
			expected.deleted.push(entry.user.profile.login);
			continue;
		}
		expected.duoUsers[entry.user.profile.login] = {
			status: entry.status === 'active' ? 'active' : 'disabled',
			email: entry.user.profile.email,
			lastname: entry.user.profile.lastName,
			groups: dir.groups.filter((g) => entry.groups.has(g.id)).map((g) => g.name).sort(),
			devicesRemoved: entry.devices === -1,
		};
	}
	const finalMembers = {};
	for (const entry of state.values()) if (!entry.deleted) for (const groupId of entry.groups) (finalMembers[groupId] ??= []).push(entry.user.id);
	return {
		params,
		okta: { users: dir.users.filter((user) => !state.get(user.id).deleted), groups: dir.groups, memberships: finalMembers },
		duo,
		deliveries,
		expected,
		lowerBound: {
			calls: bound.writes + bound.lookups,
			writes: bound.writes,
			lookups: bound.lookups,
			events: events.length,
			deliveries: deliveries.length,
			// with one batched user lookup per delivery instead of one per event:
			batchedCalls: bound.writes + deliveries.length + groupPages,
		},
	};
}

module.exports = { generateStandardMix };
