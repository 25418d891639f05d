// In-memory Duo account for the fake Admin API: users, groups, phones, hardware tokens, WebAuthn and U2F
// credentials, bypass codes and enrollment emails, with Duo's object shapes (reference/providers.md E.3, E.4).
// Users hold ids of linked objects; render* functions produce the JSON Duo returns.
'use strict';

/** Ids of objects the fake creates: 20 characters like Duo's, marked with a 9 so they never clash with seeds. */
const duoId = (prefix, n) => `${prefix}9${String(n).padStart(17, '0')}`;

const GROUP_DEFAULTS = {
	desc: '',
	status: 'active',
	push_enabled: true,
	sms_enabled: true,
	voice_enabled: true,
	mobile_otp_enabled: true,
};

const USER_FIELDS = ['username', 'realname', 'firstname', 'lastname', 'email', 'status', 'notes'];
const ALIAS_FIELDS = ['alias1', 'alias2', 'alias3', 'alias4'];

function createStore() {
	const counters = {
		user: 0,
		group: 0,
		phone: 0,
		token: 0,
		webauthn: 0,
		u2f: 0,
		bypass: 0,
		enrollment: 0,
	};
	const next = (kind, prefix) => {
		counters[kind] += 1;
		return duoId(prefix, counters[kind]);
	};
	const state = {
		/** @type {Map<string, any>} user_id → internal user */ users: new Map(),
		/** @type {Map<string, any>} group_id → group */ groups: new Map(),
		/** @type {Map<string, any>} phone_id → phone (phones outlive their users, as in Duo) */ phones:
			new Map(),
		/** @type {Map<string, any>} token_id → hardware token */ tokens: new Map(),
		/** @type {Map<string, any>} webauthnkey → credential */ webauthn: new Map(),
		/** @type {Map<string, any>} registration_id → U2F token */ u2f: new Map(),
		/** @type {Map<string, any>} bypass_code_id → bypass code */ bypassCodes: new Map(),
		/** @type {Array<{ user_id: string, username: string, email: string, valid_secs: number, code: string }>} */
		enrollments: [],
		/** @type {Map<string, any>} user_id → deleted user (Duo keeps deleted users in Trash) */ trash:
			new Map(),
	};

	const now = () => Math.floor(Date.now() / 1000);

	function addGroup(input) {
		const group = { ...GROUP_DEFAULTS, ...input, group_id: input.group_id || next('group', 'DG') };
		state.groups.set(group.group_id, group);
		return group;
	}

	function addPhone(input, userId) {
		const phone = {
			extension: '',
			name: '',
			type: 'Mobile',
			platform: 'Generic Smartphone',
			model: 'Unknown',
			activated: false,
			capabilities: ['auto', 'push', 'sms', 'phone', 'mobile_otp'],
			sms_passcodes_sent: false,
			last_seen: '',
			...input,
			phone_id: input.phone_id || next('phone', 'DP'),
			userIds: new Set(),
		};
		if (state.phones.has(phone.phone_id)) {
			state.phones.get(phone.phone_id).userIds.add(userId);
			return state.phones.get(phone.phone_id);
		}
		phone.userIds.add(userId);
		state.phones.set(phone.phone_id, phone);
		return phone;
	}

	function addToken(input, userId) {
		const token = {
			serial: '',
			type: 'h6',
			totp_step: null,
			...input,
			token_id: input.token_id || next('token', 'DH'),
			userIds: new Set(),
		};
		const existing = state.tokens.get(token.token_id) || token;
		existing.userIds.add(userId);
		state.tokens.set(existing.token_id, existing);
		return existing;
	}

	function addWebauthn(input, userId) {
		const credential = {
			credential_name: 'Security key',
			date_added: now(),
			label: 'Security Key',
			...input,
			webauthnkey: input.webauthnkey || next('webauthn', 'WA'),
			user_id: userId,
		};
		state.webauthn.set(credential.webauthnkey, credential);
		return credential;
	}

	function addU2f(input, userId) {
		const token = {
			date_added: now(),
			...input,
			registration_id: input.registration_id || next('u2f', 'D2'),
			user_id: userId,
		};
		state.u2f.set(token.registration_id, token);
		return token;
	}

	function addBypassCode(input, userId) {
		const code = {
			admin_email: 'admin@example.com',
			created: now(),
			expiration: null,
			reuse_count: 1,
			...(typeof input === 'string' ? { bypass_code_id: input } : input),
			user_id: userId,
		};
		code.bypass_code_id = code.bypass_code_id || next('bypass', 'DB');
		state.bypassCodes.set(code.bypass_code_id, code);
		return code;
	}

	/**
	 * Adds a user. `groups` may hold group ids or group objects (found by id, else by name); devices may be
	 * full or partial Duo objects (the benchmark seed passes partial ones).
	 */
	function addUser(input) {
		const user_id = input.user_id || next('user', 'DU');
		const user = {
			user_id,
			username: input.username,
			realname: input.realname ?? '',
			firstname: input.firstname ?? '',
			lastname: input.lastname ?? '',
			email: input.email ?? '',
			status: input.status ?? 'active',
			notes: input.notes ?? '',
			alias1: input.alias1 ?? null,
			alias2: input.alias2 ?? null,
			alias3: input.alias3 ?? null,
			alias4: input.alias4 ?? null,
			created: input.created ?? now(),
			last_login: input.last_login ?? null,
			last_directory_sync: input.last_directory_sync ?? null,
			custom_attributes: input.custom_attributes ?? {},
			groupIds: [],
			phoneIds: [],
			tokenIds: [],
		};
		state.users.set(user_id, user);
		for (const ref of input.groups ?? []) {
			const id = typeof ref === 'string' ? ref : ref.group_id;
			let group = id ? state.groups.get(id) : undefined;
			if (!group && typeof ref === 'object') group = findGroupByName(ref.name) || addGroup(ref);
			if (group && !user.groupIds.includes(group.group_id)) user.groupIds.push(group.group_id);
		}
		for (const phone of input.phones ?? []) user.phoneIds.push(addPhone(phone, user_id).phone_id);
		for (const token of input.tokens ?? []) user.tokenIds.push(addToken(token, user_id).token_id);
		for (const credential of input.webauthncredentials ?? []) addWebauthn(credential, user_id);
		for (const token of input.u2ftokens ?? []) addU2f(token, user_id);
		for (const code of input.bypass_codes ?? []) addBypassCode(code, user_id);
		return user;
	}

	function findGroupByName(name) {
		const wanted = String(name ?? '').toLowerCase();
		for (const group of state.groups.values())
			if (group.name.toLowerCase() === wanted) return group;
		return undefined;
	}

	/** Users whose username or any alias equals `key`, case-insensitively. */
	function usersMatching(key) {
		const wanted = String(key).toLowerCase();
		return [...state.users.values()].filter(
			(u) =>
				u.username.toLowerCase() === wanted ||
				ALIAS_FIELDS.some((a) => u[a] && u[a].toLowerCase() === wanted),
		);
	}

	/** The first user other than `exceptId` that already uses `value` as username or alias. */
	function identifierOwner(value, exceptId) {
		return usersMatching(value).find((u) => u.user_id !== exceptId);
	}

	function removeUser(userId) {
		const user = state.users.get(userId);
		if (!user) return undefined;
		state.users.delete(userId);
		for (const phoneId of user.phoneIds) state.phones.get(phoneId)?.userIds.delete(userId);
		for (const tokenId of user.tokenIds) state.tokens.get(tokenId)?.userIds.delete(userId);
		for (const [key, credential] of state.webauthn)
			if (credential.user_id === userId) state.webauthn.delete(key);
		for (const [key, token] of state.u2f) if (token.user_id === userId) state.u2f.delete(key);
		for (const [key, code] of state.bypassCodes)
			if (code.user_id === userId) state.bypassCodes.delete(key);
		state.trash.set(userId, { ...user, status: 'pending deletion' });
		return user;
	}

	function removeGroup(groupId) {
		const group = state.groups.get(groupId);
		if (!group) return undefined;
		state.groups.delete(groupId);
		for (const user of state.users.values())
			user.groupIds = user.groupIds.filter((id) => id !== groupId);
		return group;
	}

	const renderGroup = (group) => ({
		group_id: group.group_id,
		name: group.name,
		desc: group.desc,
		status: group.status,
		push_enabled: group.push_enabled,
		sms_enabled: group.sms_enabled,
		voice_enabled: group.voice_enabled,
		mobile_otp_enabled: group.mobile_otp_enabled,
	});

	const renderPhone = (phone) => {
		const { userIds, ...rest } = phone;
		return rest;
	};
	const renderToken = (token) => {
		const { userIds, ...rest } = token;
		return rest;
	};
	const renderWebauthn = (credential) => {
		const { user_id, ...rest } = credential;
		return rest;
	};
	const renderU2f = (token) => {
		const { user_id, ...rest } = token;
		return rest;
	};
	const renderBypassCode = (code) => {
		const { user_id, ...rest } = code;
		return rest;
	};

	const webauthnOf = (userId) => [...state.webauthn.values()].filter((c) => c.user_id === userId);
	const u2fOf = (userId) => [...state.u2f.values()].filter((t) => t.user_id === userId);
	const bypassCodesOf = (userId) =>
		[...state.bypassCodes.values()].filter((c) => c.user_id === userId);

	function renderUser(user) {
		const phones = user.phoneIds.map((id) => state.phones.get(id)).filter(Boolean);
		const tokens = user.tokenIds.map((id) => state.tokens.get(id)).filter(Boolean);
		const webauthn = webauthnOf(user.user_id);
		const u2f = u2fOf(user.user_id);
		const aliases = {};
		for (const slot of ALIAS_FIELDS) if (user[slot]) aliases[slot] = user[slot];
		return {
			user_id: user.user_id,
			username: user.username,
			realname: user.realname,
			firstname: user.firstname,
			lastname: user.lastname,
			email: user.email,
			status: user.status,
			notes: user.notes,
			alias1: user.alias1,
			alias2: user.alias2,
			alias3: user.alias3,
			alias4: user.alias4,
			aliases,
			created: user.created,
			last_login: user.last_login,
			last_directory_sync: user.last_directory_sync,
			is_enrolled: phones.length + tokens.length + webauthn.length + u2f.length > 0,
			custom_attributes: user.custom_attributes,
			groups: user.groupIds
				.map((id) => state.groups.get(id))
				.filter(Boolean)
				.map(renderGroup),
			phones: phones.map(renderPhone),
			tokens: tokens.map(renderToken),
			u2ftokens: u2f.map(renderU2f),
			webauthncredentials: webauthn.map(renderWebauthn),
		};
	}

	/** A comparable view of the account without clocks: equal snapshots mean equal Duo state. */
	function snapshot() {
		const byName = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
		return {
			users: [...state.users.values()]
				.map((u) => {
					const rendered = renderUser(u);
					return {
						user_id: u.user_id,
						username: u.username,
						realname: u.realname,
						firstname: u.firstname,
						lastname: u.lastname,
						email: u.email,
						status: u.status,
						notes: u.notes,
						aliases: rendered.aliases,
						groups: rendered.groups.map((g) => g.group_id).sort(byName),
						groupNames: rendered.groups.map((g) => g.name).sort(byName),
						phones: rendered.phones.map((p) => p.phone_id).sort(byName),
						tokens: rendered.tokens.map((t) => t.token_id).sort(byName),
						webauthn: rendered.webauthncredentials.map((c) => c.webauthnkey).sort(byName),
						u2f: rendered.u2ftokens.map((t) => t.registration_id).sort(byName),
						bypassCodes: bypassCodesOf(u.user_id)
							.map((c) => c.bypass_code_id)
							.sort(byName),
					};
				})
				.sort((a, b) => byName(a.username, b.username)),
			groups: [...state.groups.values()]
				.map((g) => ({ group_id: g.group_id, name: g.name, desc: g.desc, status: g.status }))
				.sort((a, b) => byName(a.name, b.name)),
			trash: [...state.trash.values()].map((u) => u.username).sort(byName),
			enrollments: state.enrollments.map((e) => ({ username: e.username, email: e.email })),
		};
	}

	return {
		state,
		next,
		addUser,
		addGroup,
		addPhone,
		addToken,
		addWebauthn,
		addU2f,
		addBypassCode,
		findGroupByName,
		usersMatching,
		identifierOwner,
		removeUser,
		removeGroup,
		renderUser,
		renderGroup,
		renderPhone,
		renderToken,
		renderWebauthn,
		renderU2f,
		renderBypassCode,
		webauthnOf,
		u2fOf,
		bypassCodesOf,
		snapshot,
	};
}

module.exports = { createStore, USER_FIELDS, ALIAS_FIELDS };
