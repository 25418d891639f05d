// The baseline for bench/duo-calls: the archived predecessor's way of applying events to Duo, one event at a
// time: look the user up by username for every event, and resolve a group by listing every group page on every
// membership event. Writes are the same as ours so that only the lookup strategy differs. Bench-only code.
'use strict';
const { signV2 } = require('../../nodes/DuoSecurity/transport/signing.ts');

function createNaiveClient({ baseUrl, host, ikey, skey }) {
	let calls = 0;
	async function call(method, path, params = {}) {
		calls++;
		const date = new Date().toUTCString();
		const stringParams = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
		const authorization = signV2({ ikey, skey, host, method, path, params: stringParams, date });
		const query = new URLSearchParams(stringParams).toString();
		const isBody = method === 'POST';
		const response = await fetch(`${baseUrl}${path}${!isBody && query ? `?${query}` : ''}`, {
			method,
			headers: { Date: date, Authorization: authorization, ...(isBody ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
			body: isBody ? query : undefined,
		});
		const body = await response.json();
		if (body.stat !== 'OK') throw new Error(`${method} ${path}: ${body.code} ${body.message}`);
		return body;
	}
	async function findUser(username) {
		const { response } = await call('GET', '/admin/v1/users', { username });
		return response[0];
	}
	async function findGroup(name) {
		for (let offset = 0; ; ) {
			const page = await call('GET', '/admin/v1/groups', { limit: 100, offset });
			const found = page.response.find((g) => g.name === name);
			if (found) return found;
			if (page.metadata?.next_offset === undefined || page.metadata.next_offset === null) return undefined;
			offset = page.metadata.next_offset;
		}
	}
	async function apply(event) {
		const username = event.user?.login;
		if (!username) return;
		const user = await findUser(username);
		switch (event.type) {
			case 'user.created':
			case 'user.updated': {
				const fields = { realname: event.user.displayName ?? '', firstname: event.user.givenName ?? '', lastname: event.user.familyName ?? '', email: event.user.email ?? '' };
				if (!user) await call('POST', '/admin/v1/users', { username, ...fields });
				else if (Object.entries(fields).some(([k, v]) => (user[k] ?? '') !== v)) await call('POST', `/admin/v1/users/${user.user_id}`, fields);
				return;
			}
			case 'user.suspended':
			case 'user.deactivated':
				if (user && user.status !== 'disabled') await call('POST', `/admin/v1/users/${user.user_id}`, { status: 'disabled' });
				return;
			case 'user.reactivated':
				if (user && user.status !== 'active') await call('POST', `/admin/v1/users/${user.user_id}`, { status: 'active' });
				return;
			case 'user.deleted':
				if (user) await call('DELETE', `/admin/v1/users/${user.user_id}`);
				return;
			case 'group.member_added':
			case 'group.member_removed': {
				const group = await findGroup(event.group.name);
				if (!user || !group) return;
				const member = user.groups.some((g) => g.group_id === group.group_id);
				if (event.type === 'group.member_added' && !member) await call('POST', `/admin/v1/users/${user.user_id}/groups`, { group_id: group.group_id });
				if (event.type === 'group.member_removed' && member) await call('DELETE', `/admin/v1/users/${user.user_id}/groups/${group.group_id}`);
				return;
			}
			case 'user.mfa_reset':
				if (!user) return;
				for (const phone of user.phones ?? []) await call('DELETE', `/admin/v1/users/${user.user_id}/phones/${phone.phone_id}`);
				for (const token of user.tokens ?? []) await call('DELETE', `/admin/v1/users/${user.user_id}/tokens/${token.token_id}`);
				for (const credential of user.webauthncredentials ?? []) await call('DELETE', `/admin/v1/webauthncredentials/${credential.webauthnkey}`);
				return;
		}
	}
	return { apply, calls: () => calls };
}

module.exports = { createNaiveClient };
