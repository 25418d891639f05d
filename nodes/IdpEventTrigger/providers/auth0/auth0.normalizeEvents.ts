import type { Actor } from '../../../shared/model';
import { sameJson } from '../../pipeline/sameJson';
import { AUTH0_EVENT_STREAM_MAP, type Auth0EventStreamKey } from './auth0.eventMap';
import {
	envelope,
	identityUserFromAuth0,
	record,
	text,
	userRef,
	type ItemOutcome,
} from './auth0.events';
import {
	Auth0EventGroupObjectSchema,
	Auth0EventMemberObjectSchema,
	Auth0EventUserObjectSchema,
	type Auth0CloudEvent,
} from './auth0.wire';

const TYPE_PREFIX = 'com.auth0.';

/** Profile fields whose change makes a `user.updated` worth emitting (not sign-in counters). */
const PROFILE_FIELDS = [
	'email',
	'username',
	'name',
	'given_name',
	'family_name',
	'nickname',
	'phone_number',
	'picture',
	'user_metadata',
	'app_metadata',
];

export function eventStreamType(type: string): string {
	return type.startsWith(TYPE_PREFIX) ? type.slice(TYPE_PREFIX.length) : type;
}

function actorOf(event: Auth0CloudEvent): Actor | undefined {
	const client = record(record(event.data.context).client);
	const id = text(client.id);
	return id ? { id, type: 'client', displayName: text(client.name) } : undefined;
}

function profileChanged(
	current: Record<string, unknown>,
	previous: Record<string, unknown>,
): boolean {
	return PROFILE_FIELDS.some((field) => !sameJson(current[field], previous[field]));
}

type UserUpdateKey = Extract<Auth0EventStreamKey, `user.updated${string}`>;

/** Which user.updated variants a change produced: blocked flips first, then the profile. */
function userUpdateKeys(
	current: Record<string, unknown>,
	previous: Record<string, unknown> | undefined,
): UserUpdateKey[] {
	if (!previous) return [current.blocked === true ? 'user.updated blocked=true' : 'user.updated'];
	const keys: UserUpdateKey[] = [];
	const before = previous.blocked === true;
	const after = current.blocked === true;
	if (!before && after) keys.push('user.updated blocked=true');
	if (before && !after) keys.push('user.updated blocked=false');
	if (profileChanged(current, previous)) keys.push('user.updated');
	return keys;
}

/** Maps one Event Streams CloudEvent to normalized events, or says why not. */
export function normalizeAuth0CloudEvent(
	event: Auth0CloudEvent,
	options: { tenant: string; includeRaw: boolean },
): ItemOutcome {
	const type = eventStreamType(event.type);
	if (event.a0purpose === 'test') return { ignored: `${type} (test event)` };
	const base = (key: Auth0EventStreamKey, idSuffix?: string) => {
		const id = idSuffix ? `${event.id}:${idSuffix}` : event.id;
		return envelope({
			id,
			occurredAt: event.time,
			tenant: text(event.a0tenant) ?? options.tenant,
			eventType: key,
			actor: actorOf(event),
			raw: event,
			includeRaw: options.includeRaw,
		});
	};
	const { object } = event.data;
	const previous = event.data.previous_object ?? undefined;
	switch (type) {
		case 'user.created':
		case 'user.deleted': {
			const parsed = Auth0EventUserObjectSchema.safeParse(object);
			if (!parsed.success) return { ignored: `${type} (no user_id)` };
			return {
				events: [
					{
						...base(type),
						type: AUTH0_EVENT_STREAM_MAP[type],
						user: identityUserFromAuth0(parsed.data),
					},
				],
			};
		}
		case 'user.updated': {
			const parsed = Auth0EventUserObjectSchema.safeParse(object);
			if (!parsed.success) return { ignored: `${type} (no user_id)` };
			const user = identityUserFromAuth0(parsed.data);
			const keys = userUpdateKeys(object, previous);
			if (keys.length === 0) return { ignored: 'user.updated (no profile change)' };
			return {
				events: keys.map((key, index) => ({
					...base(key, index === 0 ? undefined : 'profile'),
					type: AUTH0_EVENT_STREAM_MAP[key],
					user,
				})),
			};
		}
		case 'group.created':
		case 'group.updated':
		case 'group.deleted': {
			const parsed = Auth0EventGroupObjectSchema.safeParse(object);
			if (!parsed.success) return { ignored: `${type} (no group id)` };
			const name = text(parsed.data.name);
			const previousName = text(previous?.name);
			if (type === 'group.updated' && previous && previousName === name) {
				return { ignored: 'group.updated (name unchanged)' };
			}
			const group = {
				id: parsed.data.id,
				...(name ? { name } : {}),
				...(type === 'group.updated' && previousName ? { previousName } : {}),
			};
			return { events: [{ ...base(type), type: AUTH0_EVENT_STREAM_MAP[type], group }] };
		}
		case 'group.member.added':
		case 'group.member.deleted': {
			const parsed = Auth0EventMemberObjectSchema.safeParse(object);
			if (!parsed.success) return { ignored: `${type} (no group or member id)` };
			const { group, member } = parsed.data;
			if (member.member_type && member.member_type !== 'user') {
				return { ignored: `${type} (member is a ${member.member_type})` };
			}
			return {
				events: [
					{
						...base(type),
						type: AUTH0_EVENT_STREAM_MAP[type],
						user: userRef(member.id),
						group: { id: group.id },
					},
				],
			};
		}
		default:
			return { ignored: type };
	}
}
