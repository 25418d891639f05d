// In-memory RSA SecurID (Cloud Authentication Service) tenant for the fake: users as the User Details API returns
// them (pydplus SDK examples/responses/api_response_post_userDetails_200.json) and each user's authenticators.
// [unverified] Device fields: RSA's pages cut off the example responses; only `id` is certain.
'use strict';

function uuidFrom(kind, n) {
	const tag = { user: 'a', device: 'b' }[kind];
	return `${tag}0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

function createStore() {
	const counters = { user: 0, device: 0 };
	const next = (kind) => uuidFrom(kind, ++counters[kind]);
	const state = { /** @type {Map<string, any>} */ users: new Map() };
	/** @type {Array<{ key: string, user: any }> | undefined} */
	let byEmailOrder;

	function addDevice(user, input) {
		const id = input.id || next('device');
		const hardware = input.hardware === true;
		const device = {
			id,
			deviceName: input.deviceName ?? input.type ?? 'Authenticator',
			type: input.type ?? 'RSA_AUTHENTICATOR',
			platform: input.platform,
			registrationDate: input.registrationDate ?? new Date().toISOString(),
			// [unverified] the field that carries a SecurID 700 token's serial in the v2 list.
			...(hardware ? { tokenSerialNumber: input.tokenSerialNumber ?? id.replace(/\D/g, '').slice(-12) } : {}),
			// browser authenticators are left out unless includeBrowsers; hardware tokens only in v2.
			browser: input.browser === true,
			hardware,
		};
		user.devices.set(device.id, device);
		return device;
	}

	function addUser(input) {
		const created = new Date().toISOString();
		const user = {
			id: input.id || next('user'),
			emailAddress: input.emailAddress,
			firstName: input.firstName ?? '',
			lastName: input.lastName ?? '',
			creationDate: created,
			identitySource: input.identitySource ?? 'Corporate AD',
			identitySourceType: input.identitySourceType ?? 'LDAP',
			userStatus: input.userStatus ?? 'Enabled',
			highRiskUser: false,
			markDeleted: input.markDeleted === true,
			markDeletedAt: input.markDeleted ? created : null,
			markDeletedBy: input.markDeleted ? 'admin' : null,
			isTokenLocked: false,
			isSmsLocked: false,
			isVoiceLocked: false,
			isFingerprintLocked: false,
			isApproveLocked: false,
			lastSyncTime: created,
			emergencyAccessStatus: 'Disabled',
			principalUsername: input.principalUsername ?? input.emailAddress,
			alternateUsername: input.alternateUsername ?? '',
			devices: new Map(),
		};
		user.primaryUniqueIdentifier = user.id;
		state.users.set(user.id, user);
		byEmailOrder = undefined;
		for (const device of input.devices ?? []) addDevice(user, device);
		return user;
	}

	const byEmail = (email) =>
		[...state.users.values()].find(
			(u) => u.emailAddress.toLowerCase() === String(email).toLowerCase(),
		);

	function renderUser(user) {
		const { devices, identitySourceType, ...fields } = user;
		return JSON.parse(JSON.stringify(fields));
	}

	function renderDevice(device) {
		const { browser, hardware, ...fields } = device;
		return JSON.parse(JSON.stringify(fields));
	}

	function removeUser(id) {
		state.users.delete(id);
		byEmailOrder = undefined;
	}

	/**
	 * Users sorted by lower-cased email address (code point order), as the searches list them; kept until a user
	 * is added or removed (the API changes no address), so paging through a large tenant sorts it once.
	 */
	function usersByEmail() {
		byEmailOrder ??= [...state.users.values()]
			.map((user) => ({ key: user.emailAddress.toLowerCase(), user }))
			.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
		return byEmailOrder;
	}

	function snapshot() {
		return {
			users: [...state.users.values()].map((user) => ({
				id: user.id,
				emailAddress: user.emailAddress,
				userStatus: user.userStatus,
				markDeleted: user.markDeleted,
				devices: [...user.devices.values()].map((d) => ({ id: d.id, type: d.type })),
			})),
		};
	}

	return {
		state,
		addUser,
		removeUser,
		addDevice,
		byEmail,
		usersByEmail,
		renderUser,
		renderDevice,
		snapshot,
	};
}

module.exports = { createStore };
