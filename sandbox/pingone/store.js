// In-memory PingOne environment for the fake: populations, users, groups with direct members, and each user's
// MFA devices, with PingOne's object shapes (pingone-go-sdk-v2 management/mfa openapi.yaml, schema `User`,
// `Group`, `GroupMembership`; device fields from developer.pingidentity.com MFA device pages).
'use strict';

const USER_FIELDS = [
	'username',
	'email',
	'name',
	'nickname',
	'title',
	'externalId',
	'mobilePhone',
	'locale',
];

/** Ids of objects the fake creates: UUID-shaped, counting up so runs repeat. */
function counterId(kind, n) {
	const tag = { user: '1', group: '2', device: '3', population: '4', error: '5' }[kind];
	return `0000000${tag}-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

function createStore(environmentId) {
	const counters = { user: 0, group: 0, device: 0, population: 0, error: 0 };
	const next = (kind) => counterId(kind, ++counters[kind]);
	const now = () => new Date().toISOString();
	const defaultPopulation = { id: next('population'), name: 'Default', default: true };
	const state = {
		environmentId,
		/** @type {Map<string, any>} */ populations: new Map([
			[defaultPopulation.id, defaultPopulation],
		]),
		/** @type {Map<string, any>} id → user, with `groupIds: Set` and `devices: Map` */ users:
			new Map(),
		/** @type {Map<string, any>} */ groups: new Map(),
	};

	function addUser(input) {
		const created = now();
		const user = {
			id: input.id || next('user'),
			username: input.username,
			email: input.email,
			enabled: input.enabled ?? true,
			// mfaEnabled is false by default on create (openapi `User.mfaEnabled` description).
			mfaEnabled: input.mfaEnabled ?? false,
			population: { id: input.population?.id ?? defaultPopulation.id },
			account: { canAuthenticate: true, status: 'OK' },
			lifecycle: { status: 'ACCOUNT_OK' },
			createdAt: created,
			updatedAt: created,
			groupIds: new Set(),
			devices: new Map(),
		};
		for (const field of USER_FIELDS) if (input[field] !== undefined) user[field] = input[field];
		state.users.set(user.id, user);
		return user;
	}

	function addGroup(input) {
		const group = {
			id: input.id || next('group'),
			name: input.name,
			description: input.description,
			population: input.population,
			externalId: input.externalId,
			createdAt: now(),
			updatedAt: now(),
		};
		state.groups.set(group.id, group);
		return group;
	}

	function addDevice(user, input) {
		const created = now();
		const device = {
			id: input.id || next('device'),
			type: input.type,
			status: input.status ?? 'ACTIVE',
			nickname: input.nickname,
			email: input.email,
			phone: input.phone,
			createdAt: created,
			updatedAt: created,
		};
		user.devices.set(device.id, device);
		return device;
	}

	const findUser = (predicate) => [...state.users.values()].find(predicate);
	const usernameTaken = (username, exceptId) =>
		findUser(
			(u) => u.id !== exceptId && u.username.toLowerCase() === String(username).toLowerCase(),
		);
	const groupNameTaken = (name, exceptId) =>
		[...state.groups.values()].find(
			(g) => g.id !== exceptId && g.name.toLowerCase() === String(name).toLowerCase(),
		);

	function deleteGroup(id) {
		state.groups.delete(id);
		for (const user of state.users.values()) user.groupIds.delete(id);
	}

	const href = (origin, path) => ({ href: `${origin}/v1/environments/${environmentId}${path}` });

	function renderUser(user, origin, options = {}) {
		const { groupIds, devices, ...fields } = user;
		return {
			_links: {
				self: href(origin, `/users/${user.id}`),
				password: href(origin, `/users/${user.id}/password`),
				population: href(origin, `/populations/${user.population.id}`),
			},
			...JSON.parse(JSON.stringify(fields)),
			environment: { id: environmentId },
			identityProvider: { type: 'PING_ONE' },
			verifyStatus: 'NOT_INITIATED',
			...(options.includeGroupIds ? { memberOfGroupIDs: [...groupIds] } : {}),
		};
	}

	function renderGroup(group, origin) {
		const members = [...state.users.values()].filter((u) => u.groupIds.has(group.id)).length;
		return {
			_links: { self: href(origin, `/groups/${group.id}`) },
			...JSON.parse(JSON.stringify(group)),
			environment: { id: environmentId },
			directMemberCounts: { users: members, groups: 0 },
		};
	}

	function renderDevice(user, device, origin) {
		const links = { self: href(origin, `/users/${user.id}/devices/${device.id}`) };
		if (device.status === 'ACTIVATION_REQUIRED') {
			links.activate = href(origin, `/users/${user.id}/devices/${device.id}`);
		}
		return {
			_links: links,
			...JSON.parse(JSON.stringify(device)),
			environment: { id: environmentId },
			user: { id: user.id },
		};
	}

	function snapshot() {
		const groupName = (id) => state.groups.get(id)?.name;
		return {
			users: [...state.users.values()].map((user) => ({
				id: user.id,
				username: user.username,
				email: user.email,
				name: user.name,
				enabled: user.enabled,
				mfaEnabled: user.mfaEnabled,
				groupIds: [...user.groupIds].sort(),
				groups: [...user.groupIds].map(groupName).sort(),
				devices: [...user.devices.values()].map(({ id, type, status, nickname, email, phone }) =>
					JSON.parse(JSON.stringify({ id, type, status, nickname, email, phone })),
				),
			})),
			groups: [...state.groups.values()].map((group) => ({
				id: group.id,
				name: group.name,
				description: group.description,
				members: [...state.users.values()]
					.filter((u) => u.groupIds.has(group.id))
					.map((u) => u.username)
					.sort(),
			})),
		};
	}

	return {
		state,
		defaultPopulation,
		next,
		now,
		addUser,
		addGroup,
		addDevice,
		deleteGroup,
		usernameTaken,
		groupNameTaken,
		renderUser,
		renderGroup,
		renderDevice,
		snapshot,
	};
}

module.exports = { createStore, USER_FIELDS };
