import type { Actor, IdentityEvent } from '../../../shared/model';
import { AUTH0_FAILED_LOG_TYPES, AUTH0_LOG_EVENT_MAP } from './auth0.eventMap';
import { compact, envelope, record, text, userRef, type ItemOutcome } from './auth0.events';
import { readSapi, type SapiChange } from './auth0.sapi';
import type { Auth0LogEntry } from './auth0.wire';

function actorOf(entry: Auth0LogEntry): Actor | undefined {
	const details = record(entry.data.details);
	const authUser = record(record(record(details.request).auth).user);
	const userId = text(authUser.user_id);
	if (userId) {
		return {
			id: userId,
			type: 'user',
			login: text(authUser.email),
			displayName: text(authUser.name),
		};
	}
	const clientId = text(entry.data.client_id);
	if (clientId) return { id: clientId, type: 'client', displayName: text(entry.data.client_name) };
	return undefined;
}

function fromSapiChange(change: SapiChange, base: ReturnType<typeof envelope>): IdentityEvent {
	const id = 'idSuffix' in change && change.idSuffix ? `${base.id}:${change.idSuffix}` : base.id;
	const common = {
		...base,
		id,
		source: { ...base.source, eventType: change.key, eventIds: [id] },
	};
	switch (change.kind) {
		case 'user':
			return { ...common, type: AUTH0_LOG_EVENT_MAP[change.key], user: change.user };
		case 'mfa':
			return {
				...common,
				type: AUTH0_LOG_EVENT_MAP[change.key],
				user: change.user,
				mfa: change.mfa,
			};
		case 'group':
			return { ...common, type: AUTH0_LOG_EVENT_MAP[change.key], group: change.group };
		case 'membership':
			return {
				...common,
				type: AUTH0_LOG_EVENT_MAP[change.key],
				user: change.user,
				group: change.group,
			};
	}
}

/** Maps one tenant log to normalized events (a `sapi` log may fan out), or says why not. */
export function normalizeAuth0Log(
	entry: Auth0LogEntry,
	options: { tenant: string; includeRaw: boolean },
): ItemOutcome {
	const { data } = entry;
	if (AUTH0_FAILED_LOG_TYPES.has(data.type)) return { failed: true };
	const base = envelope({
		id: entry.log_id,
		occurredAt: data.date,
		tenant: text(data.tenant_name) ?? options.tenant,
		eventType: data.type,
		actor: actorOf(entry),
		raw: entry,
		includeRaw: options.includeRaw,
	});
	const details = record(data.details);
	const userId = text(data.user_id);
	const loggedUser = (id: string) => {
		const user = userRef(id, text(data.user_name));
		const connection = text(data.connection);
		return connection ? { ...user, attributes: { connection } } : user;
	};
	switch (data.type) {
		case 'ss':
			if (!userId) return { ignored: 'ss (no user_id)' };
			return { events: [{ ...base, type: AUTH0_LOG_EVENT_MAP.ss, user: loggedUser(userId) }] };
		case 'sdu':
			if (!userId) return { ignored: 'sdu (no user_id)' };
			return { events: [{ ...base, type: AUTH0_LOG_EVENT_MAP.sdu, user: loggedUser(userId) }] };
		case 'gd_unenroll': {
			const enrollment = record(details.enrollment);
			const authenticator = record(details.authenticator);
			const id = userId ?? text(enrollment.user_id);
			if (!id) return { ignored: 'gd_unenroll (no user_id)' };
			const factor = compact({
				type: text(authenticator.type) ?? 'unknown',
				provider: 'guardian',
				name: text(enrollment.name),
			});
			return {
				events: [
					{
						...base,
						type: AUTH0_LOG_EVENT_MAP.gd_unenroll,
						user: loggedUser(id),
						mfa: { all: false, factors: [factor] },
					},
				],
			};
		}
		case 'sapi': {
			const outcome = readSapi(details);
			if ('ignored' in outcome) return outcome;
			return { events: outcome.changes.map((change) => fromSapiChange(change, base)) };
		}
		default:
			return { ignored: data.type };
	}
}
