import type { GroupRef, IdentityUser, MfaReset } from '../../../shared/model';
import { AUTH0_LOG_EVENT_MAP } from './auth0.eventMap';
import {
	identityUserFromAuth0,
	record,
	text,
	userRef,
	type GroupEventType,
	type KeysMappingTo,
	type MembershipEventType,
	type MfaEventType,
	type UserEventType,
} from './auth0.events';

type Map = typeof AUTH0_LOG_EVENT_MAP;

/** One normalized change read from a `sapi` log; `idSuffix` tells fanned-out changes apart. */
export type SapiChange =
	| { kind: 'user'; key: KeysMappingTo<Map, UserEventType>; user: IdentityUser; idSuffix?: string }
	| { kind: 'mfa'; key: KeysMappingTo<Map, MfaEventType>; user: IdentityUser; mfa: MfaReset }
	| { kind: 'group'; key: KeysMappingTo<Map, GroupEventType>; group: GroupRef }
	| {
			kind: 'membership';
			key: KeysMappingTo<Map, MembershipEventType>;
			user: IdentityUser;
			group: GroupRef;
			idSuffix: string;
	  };

export type SapiOutcome = { changes: SapiChange[] } | { ignored: string };

interface SapiRequest {
	params: string[];
	body: Record<string, unknown>;
	response: Record<string, unknown>;
}

interface SapiRoute {
	method: string;
	pattern: RegExp;
	label: string;
	build(request: SapiRequest): SapiOutcome;
}

/** Request fields of a user update that are no profile change. */
const NON_PROFILE_FIELDS = new Set([
	'blocked',
	'password',
	'verify_password',
	'verify_email',
	'verify_phone_number',
	'connection',
	'client_id',
]);

function ids(value: unknown): string[] {
	return Array.isArray(value)
		? value.filter((v): v is string => typeof v === 'string' && v !== '')
		: [];
}

function updatedUser(request: SapiRequest): IdentityUser {
	const fromResponse = text(request.response.user_id) ? request.response : undefined;
	return identityUserFromAuth0({ ...request.body, ...(fromResponse ?? {}) }, request.params[0]);
}

function patchUser(request: SapiRequest): SapiOutcome {
	const user = updatedUser(request);
	const changes: SapiChange[] = [];
	const blocked = request.body.blocked;
	if (blocked === true) {
		changes.push({ kind: 'user', key: 'sapi PATCH /api/v2/users/{id} blocked=true', user });
	} else if (blocked === false) {
		changes.push({ kind: 'user', key: 'sapi PATCH /api/v2/users/{id} blocked=false', user });
	}
	if (Object.keys(request.body).some((field) => !NON_PROFILE_FIELDS.has(field))) {
		changes.push({
			kind: 'user',
			key: 'sapi PATCH /api/v2/users/{id}',
			user,
			...(changes.length > 0 ? { idSuffix: 'profile' } : {}),
		});
	}
	return changes.length > 0
		? { changes }
		: { ignored: 'sapi PATCH /api/v2/users/{id} (no profile change)' };
}

function mfaReset(
	key: KeysMappingTo<Map, MfaEventType>,
	userId: string,
	mfa: MfaReset,
): SapiOutcome {
	return { changes: [{ kind: 'mfa', key, user: userRef(userId), mfa }] };
}

function roleMemberships(
	key: KeysMappingTo<Map, MembershipEventType>,
	pairs: Array<{ userId: string; roleId: string }>,
): SapiOutcome {
	if (pairs.length === 0) return { ignored: `${key} (empty body)` };
	return {
		changes: pairs.map(({ userId, roleId }) => ({
			kind: 'membership',
			key,
			user: userRef(userId),
			group: { id: roleId },
			idSuffix: `${roleId}:${userId}`,
		})),
	};
}

const USER = '([^/]+)';

/** The Management API operations that become identity events; first match wins. */
const ROUTES: SapiRoute[] = [
	{
		method: 'POST',
		pattern: /^\/api\/v2\/users$/,
		label: 'sapi POST /api/v2/users',
		build: (request) => {
			const id = text(request.response.user_id);
			if (!id) return { ignored: 'sapi POST /api/v2/users (no user_id in the response)' };
			const user = identityUserFromAuth0({ ...request.body, ...request.response });
			return { changes: [{ kind: 'user', key: 'sapi POST /api/v2/users', user }] };
		},
	},
	{
		method: 'PATCH',
		pattern: new RegExp(`^/api/v2/users/${USER}$`),
		label: 'sapi PATCH /api/v2/users/{id}',
		build: patchUser,
	},
	{
		method: 'DELETE',
		pattern: new RegExp(`^/api/v2/users/${USER}$`),
		label: 'sapi DELETE /api/v2/users/{id}',
		build: ({ params }) => ({
			changes: [{ kind: 'user', key: 'sapi DELETE /api/v2/users/{id}', user: userRef(params[0]) }],
		}),
	},
	{
		method: 'DELETE',
		pattern: new RegExp(`^/api/v2/users/${USER}/authenticators$`),
		label: 'sapi DELETE /api/v2/users/{id}/authenticators',
		build: ({ params }) =>
			mfaReset('sapi DELETE /api/v2/users/{id}/authenticators', params[0], {
				all: true,
				factors: [],
			}),
	},
	{
		method: 'DELETE',
		pattern: new RegExp(`^/api/v2/users/${USER}/authentication-methods$`),
		label: 'sapi DELETE /api/v2/users/{id}/authentication-methods',
		build: ({ params }) =>
			mfaReset('sapi DELETE /api/v2/users/{id}/authentication-methods', params[0], {
				all: true,
				factors: [],
			}),
	},
	{
		method: 'DELETE',
		pattern: new RegExp(`^/api/v2/users/${USER}/authentication-methods/([^/]+)$`),
		label: 'sapi DELETE /api/v2/users/{id}/authentication-methods/{method_id}',
		build: ({ params }) => {
			const methodId = params[1];
			const type = methodId.includes('|') ? methodId.split('|')[0] : 'authentication-method';
			return mfaReset(
				'sapi DELETE /api/v2/users/{id}/authentication-methods/{method_id}',
				params[0],
				{
					all: false,
					factors: [{ type, name: methodId }],
				},
			);
		},
	},
	{
		method: 'DELETE',
		pattern: new RegExp(`^/api/v2/users/${USER}/multifactor/([^/]+)$`),
		label: 'sapi DELETE /api/v2/users/{id}/multifactor/{provider}',
		build: ({ params }) =>
			mfaReset('sapi DELETE /api/v2/users/{id}/multifactor/{provider}', params[0], {
				all: false,
				factors: [{ type: params[1], provider: params[1] }],
			}),
	},
	{
		method: 'POST',
		pattern: new RegExp(`^/api/v2/users/${USER}/roles$`),
		label: 'sapi POST /api/v2/users/{id}/roles',
		build: ({ params, body }) =>
			roleMemberships(
				'sapi POST /api/v2/users/{id}/roles',
				ids(body.roles).map((roleId) => ({ userId: params[0], roleId })),
			),
	},
	{
		method: 'DELETE',
		pattern: new RegExp(`^/api/v2/users/${USER}/roles$`),
		label: 'sapi DELETE /api/v2/users/{id}/roles',
		build: ({ params, body }) =>
			roleMemberships(
				'sapi DELETE /api/v2/users/{id}/roles',
				ids(body.roles).map((roleId) => ({ userId: params[0], roleId })),
			),
	},
	{
		method: 'POST',
		pattern: /^\/api\/v2\/roles\/([^/]+)\/users$/,
		label: 'sapi POST /api/v2/roles/{id}/users',
		build: ({ params, body }) =>
			roleMemberships(
				'sapi POST /api/v2/roles/{id}/users',
				ids(body.users).map((userId) => ({ userId, roleId: params[0] })),
			),
	},
	{
		method: 'POST',
		pattern: /^\/api\/v2\/roles$/,
		label: 'sapi POST /api/v2/roles',
		build: ({ body, response }) => {
			const id = text(response.id);
			if (!id) return { ignored: 'sapi POST /api/v2/roles (no id in the response)' };
			const name = text(response.name) ?? text(body.name);
			return { changes: [{ kind: 'group', key: 'sapi POST /api/v2/roles', group: { id, name } }] };
		},
	},
	{
		method: 'PATCH',
		pattern: /^\/api\/v2\/roles\/([^/]+)$/,
		label: 'sapi PATCH /api/v2/roles/{id}',
		build: ({ params, body }) => {
			const name = text(body.name);
			if (!name) return { ignored: 'sapi PATCH /api/v2/roles/{id} (name unchanged)' };
			return {
				changes: [
					{ kind: 'group', key: 'sapi PATCH /api/v2/roles/{id}', group: { id: params[0], name } },
				],
			};
		},
	},
	{
		method: 'DELETE',
		pattern: /^\/api\/v2\/roles\/([^/]+)$/,
		label: 'sapi DELETE /api/v2/roles/{id}',
		build: ({ params }) => ({
			changes: [{ kind: 'group', key: 'sapi DELETE /api/v2/roles/{id}', group: { id: params[0] } }],
		}),
	},
];

function decode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/** The unmapped operation as a short label for the ignored counts: method and first path segment. */
function unmappedLabel(method: string, path: string): string {
	const resource = path.split('/').filter(Boolean).slice(0, 3).join('/');
	return `sapi ${method} /${resource}`;
}

/** Reads a `sapi` log's request and response; what is not a mapped operation is ignored. */
export function readSapi(details: Record<string, unknown>): SapiOutcome {
	const request = record(details.request);
	const method = (text(request.method) ?? '').toUpperCase();
	const path = (text(request.path) ?? '')
		.split('?')[0]
		.replace(/\/+$/, '');
	for (const route of ROUTES) {
		if (route.method !== method) continue;
		const match = route.pattern.exec(path);
		if (!match) continue;
		const params = match.slice(1).map(decode);
		if (params.some((param) => param === '')) return { ignored: `${route.label} (empty id)` };
		return route.build({
			params,
			body: record(request.body),
			response: record(record(details.response).body),
		});
	}
	return { ignored: unmappedLabel(method, path) };
}
