import type { IdentityEvent } from '../model';
import type { ScopeResolver } from './template';

const USER_FIELDS = new Set(['id', 'login', 'email', 'givenName', 'familyName', 'displayName', 'status']);

const own = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

/** Walks own properties only, so templates can never reach prototypes or functions. */
function walk(value: unknown, segments: string[]): unknown {
	let current = value;
	for (const segment of segments) {
		if (current === null || typeof current !== 'object' || !own(current, segment)) return undefined;
		current = (current as Record<string, unknown>)[segment];
	}
	return typeof current === 'function' ? undefined : current;
}

/**
 * `idp.*` reads the event's user: the normalized fields first (id, login, email, givenName, familyName,
 * displayName, status, groups as names), then the flat attribute map, where keys may themselves contain dots.
 * `group.*` reads the event's group and `event.*` the envelope (id, type, occurredAt, source.*, actor.*).
 */
export function eventScope(event: IdentityEvent): ScopeResolver {
	const user = 'user' in event ? event.user : undefined;
	const group = 'group' in event ? event.group : undefined;
	return ({ root, rest, key }) => {
		if (root === 'group') return group ? walk(group, rest) : undefined;
		if (root === 'event') {
			if (rest[0] === 'id' || rest[0] === 'type' || rest[0] === 'occurredAt') return rest.length === 1 ? event[rest[0]] : undefined;
			if (rest[0] === 'source' || rest[0] === 'actor') return walk(event[rest[0]], rest.slice(1));
			return undefined;
		}
		if (root !== 'idp' || !user) return undefined;
		if (key === 'groups') return user.groups?.map((g) => g.name ?? g.id);
		if (USER_FIELDS.has(key)) return user[key as 'id'];
		if (own(user.attributes, key)) return user.attributes[key];
		return rest[0] === 'attributes' ? walk(user.attributes, [rest.slice(1).join('.')]) : undefined;
	};
}
