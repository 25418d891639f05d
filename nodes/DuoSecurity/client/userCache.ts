import { aliasValues, type DuoUser } from './duoObjects';

const norm = (key: string) => key.trim().toLowerCase();

/**
 * The Duo users read in one execution, indexed by user id, username and alias (case-insensitive).
 * A key that was asked of Duo and matched nobody is remembered as missing, so it is never asked again.
 */
export class UserCache {
	private readonly byId = new Map<string, DuoUser>();

	private readonly byUsername = new Map<string, string>();

	private readonly byAlias = new Map<string, string>();

	/** Lookup keys (usernames or aliases) Duo has been asked about. */
	private readonly askedKeys = new Set<string>();

	/** User ids Duo has been asked about. */
	private readonly askedIds = new Set<string>();

	/** Set once every Duo user was listed: a key or id not known is known to be missing. */
	complete = false;

	/** Keys and ids forgotten since the listing, which must be read again. */
	private readonly forgotten = new Set<string>();

	hasAskedKey(key: string): boolean {
		return this.askedKeys.has(norm(key)) || (this.complete && !this.forgotten.has(norm(key)));
	}

	hasAskedId(id: string): boolean {
		return this.askedIds.has(id) || (this.complete && !this.forgotten.has(id));
	}

	private unask(key: string): void {
		this.askedKeys.delete(key);
		this.forgotten.add(key);
	}

	markAskedKeys(keys: Iterable<string>): void {
		for (const key of keys) this.askedKeys.add(norm(key));
	}

	markAskedIds(ids: Iterable<string>): void {
		for (const id of ids) this.askedIds.add(id);
	}

	/** Indexes a user as Duo returned it, replacing what was known about the same user id. */
	put(user: DuoUser): DuoUser {
		this.unindex(user.user_id);
		this.byId.set(user.user_id, user);
		this.askedIds.add(user.user_id);
		this.byUsername.set(norm(user.username), user.user_id);
		this.askedKeys.add(norm(user.username));
		for (const alias of aliasValues(user)) this.byAlias.set(norm(alias), user.user_id);
		return user;
	}

	/**
	 * Forgets what was read for these keys and ids, and the users they matched, so the next lookup
	 * asks Duo again.
	 */
	forget(keys: Iterable<string>, ids: Iterable<string>): void {
		const userIds = new Set<string>(ids);
		for (const key of keys) {
			const id = this.byUsername.get(norm(key)) ?? this.byAlias.get(norm(key));
			if (id) userIds.add(id);
			this.unask(norm(key));
		}
		for (const id of userIds) {
			const user = this.byId.get(id);
			if (user) {
				this.unask(norm(user.username));
				for (const alias of aliasValues(user)) this.unask(norm(alias));
			}
			this.unindex(id);
			this.askedIds.delete(id);
			this.forgotten.add(id);
		}
	}

	/** Forgets a deleted user; its username and aliases now resolve to "missing". */
	remove(userId: string): void {
		this.unindex(userId);
		this.askedIds.add(userId);
	}

	private unindex(userId: string): void {
		const previous = this.byId.get(userId);
		if (!previous) return;
		this.byId.delete(userId);
		if (this.byUsername.get(norm(previous.username)) === userId) {
			this.byUsername.delete(norm(previous.username));
		}
		for (const alias of aliasValues(previous)) {
			if (this.byAlias.get(norm(alias)) === userId) this.byAlias.delete(norm(alias));
		}
	}

	/** The user, `null` when Duo is known to have none, `undefined` when Duo was not asked yet. */
	byUserId(id: string): DuoUser | null | undefined {
		const user = this.byId.get(id);
		if (user) return user;
		return this.hasAskedId(id) ? null : undefined;
	}

	/**
	 * The user whose username, or else whose alias, equals `key` (Duo's own lookups treat aliases as
	 * alternate usernames); `null` when Duo is known to have none, `undefined` when not asked yet.
	 */
	byKey(key: string): DuoUser | null | undefined {
		const id = this.byUsername.get(norm(key)) ?? this.byAlias.get(norm(key));
		if (id) return this.byId.get(id);
		return this.hasAskedKey(key) ? null : undefined;
	}

	/** Like `byKey`, but only an alias match counts. */
	byAliasKey(alias: string): DuoUser | null | undefined {
		const id = this.byAlias.get(norm(alias));
		if (id) return this.byId.get(id);
		return this.hasAskedKey(alias) ? null : undefined;
	}

	/** Every cached user, for deriving group names and ids already known from memberships. */
	users(): IterableIterator<DuoUser> {
		return this.byId.values();
	}
}
