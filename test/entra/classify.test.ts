import {
	classifyGroup,
	classifyUser,
} from '../../nodes/IdpEventTrigger/providers/entra/entra.classify';
import {
	CREATED_WINDOW_MS,
	MAX_REMEMBERED_OBJECTS,
	loadDirectoryMemory,
	rememberDisabled,
	rememberGroupName,
	saveDirectoryMemory,
	type EntraDirectoryMemory,
	type EntraState,
	type StoredDirectoryMemory,
} from '../../nodes/IdpEventTrigger/providers/entra/entra.state';

const NOW = Date.parse('2026-05-04T10:15:00.000Z');
const recent = new Date(NOW - 60_000).toISOString();
const old = new Date(NOW - CREATED_WINDOW_MS - 1).toISOString();

const memoryWith = (setup: Partial<StoredDirectoryMemory> = {}): EntraDirectoryMemory =>
	loadDirectoryMemory({ graphDirectory: { disabledUsers: {}, groupNames: {}, announced: {}, ...setup } });

describe('telling Graph `updated` user notifications apart', () => {
	it.each([
		[
			'a user created minutes ago',
			{ accountEnabled: true, createdDateTime: recent },
			{},
			'users:updated:created',
			false,
		],
		[
			'a user created disabled minutes ago',
			{ accountEnabled: false, createdDateTime: recent },
			{},
			'users:updated:created',
			true,
		],
		[
			'a new user already announced',
			{ accountEnabled: true, createdDateTime: recent },
			{ announced: { u1: NOW - 1000 } },
			'users:updated',
			false,
		],
		[
			'an enabled user with a profile change',
			{ accountEnabled: true, createdDateTime: old },
			{},
			'users:updated',
			false,
		],
		[
			'a user disabled since last seen',
			{ accountEnabled: false, createdDateTime: old },
			{},
			'users:updated:disabled',
			true,
		],
		[
			'a disabled user with a profile change',
			{ accountEnabled: false, createdDateTime: old },
			{ disabledUsers: { u1: 1 as const } },
			'users:updated',
			true,
		],
		[
			'a disabled user enabled again',
			{ accountEnabled: true, createdDateTime: old },
			{ disabledUsers: { u1: 1 as const } },
			'users:updated:enabled',
			false,
		],
	])('%s → %s', (_label, user, setup, expected, disabledAfter) => {
		const memory = memoryWith(setup);
		expect(classifyUser({ id: 'u1', ...user }, memory, NOW)).toBe(expected);
		expect(memory.disabledUsers.has('u1')).toBe(disabledAfter);
	});

	it('announces a new user only once within the window', () => {
		const memory = memoryWith();
		expect(
			classifyUser({ id: 'u1', accountEnabled: true, createdDateTime: recent }, memory, NOW),
		).toBe('users:updated:created');
		expect(
			classifyUser({ id: 'u1', accountEnabled: true, createdDateTime: recent }, memory, NOW + 1000),
		).toBe('users:updated');
	});

	it('forgets old announcements', () => {
		const memory = memoryWith({ announced: { stale: NOW - CREATED_WINDOW_MS - 5000 } });
		classifyUser({ id: 'u1', accountEnabled: true, createdDateTime: recent }, memory, NOW);
		expect([...memory.announced.keys()]).toEqual(['u1']);
	});
});

describe('telling Graph `updated` group notifications apart', () => {
	it.each([
		[
			'a group created minutes ago',
			{ displayName: 'MFA-Users', createdDateTime: recent },
			{},
			{ key: 'groups:updated:created', group: { id: 'g1', name: 'MFA-Users' } },
		],
		[
			'a renamed group',
			{ displayName: 'MFA-Everyone', createdDateTime: old },
			{ groupNames: { g1: 'MFA-Users' } },
			{
				key: 'groups:updated:renamed',
				group: { id: 'g1', name: 'MFA-Everyone', previousName: 'MFA-Users' },
			},
		],
		[
			'a group whose name did not change',
			{ displayName: 'MFA-Users', createdDateTime: old },
			{ groupNames: { g1: 'MFA-Users' } },
			undefined,
		],
		[
			'a group never seen before',
			{ displayName: 'MFA-Users', createdDateTime: old },
			{},
			undefined,
		],
	])('%s', (_label, group, setup, expected) => {
		const memory = memoryWith(setup);
		expect(classifyGroup({ id: 'g1', ...group }, memory, NOW)).toEqual(expected);
		expect(memory.groupNames.get('g1')).toBe(group.displayName);
	});
});

describe('directory memory in static data', () => {
	it('is read without writing, and written back only when it changed', () => {
		const state: EntraState = {};
		const memory = loadDirectoryMemory(state);
		saveDirectoryMemory(state, memory);
		expect(state).toEqual({});
		rememberDisabled(memory, 'u1', false);
		saveDirectoryMemory(state, memory);
		expect(state).toEqual({});
		rememberDisabled(memory, 'u1', true);
		saveDirectoryMemory(state, memory);
		expect(JSON.parse(JSON.stringify(state))).toEqual({
			graphDirectory: { disabledUsers: { u1: 1 }, groupNames: {}, announced: {} },
		});
	});

	it.each(['__proto__', 'constructor', 'toString'])(
		'keeps an object whose id is %s like any other, through a JSON round trip',
		(id) => {
			const state: EntraState = {};
			const memory = loadDirectoryMemory(state);
			expect(memory.groupNames.get(id)).toBeUndefined();
			expect(memory.disabledUsers.has(id)).toBe(false);
			rememberGroupName(memory, id, 'Admins');
			rememberDisabled(memory, id, true);
			saveDirectoryMemory(state, memory);
			const reloaded = loadDirectoryMemory(JSON.parse(JSON.stringify(state)) as EntraState);
			expect(reloaded.groupNames.get(id)).toBe('Admins');
			expect(reloaded.disabledUsers.has(id)).toBe(true);
			expect(classifyGroup({ id, displayName: 'Admins', createdDateTime: old }, reloaded, NOW)).toBeUndefined();
		},
	);

	it('stays bounded', () => {
		const memory = memoryWith({
			disabledUsers: Object.fromEntries(
				Array.from({ length: MAX_REMEMBERED_OBJECTS }, (_, i) => [`u${i}`, 1 as const]),
			),
		});
		rememberDisabled(memory, 'one-too-many', true);
		expect(memory.disabledUsers.has('one-too-many')).toBe(false);
		rememberDisabled(memory, 'u1', false);
		rememberDisabled(memory, 'now-fits', true);
		expect(memory.disabledUsers.has('now-fits')).toBe(true);
	});
});
