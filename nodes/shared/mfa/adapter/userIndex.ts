import type { MfaUser } from '../port';

const norm = (value: string) => value.trim().toLowerCase();

/**
 * The users of an MFA provider one execution has read, found by id, username or alias without
 * regard to case. A lookup key or id the provider was asked about and did not know is remembered as
 * missing, so it is never asked again in the execution; once every user was listed, anything not
 * known is missing.
 */
export class UserIndex {
	private readonly users = new Map<string, MfaUser>();

	/** Normalized username → user id, and normalized alias → user id. */
	private readonly usernames = new Map<string, string>();

	private readonly aliases = new Map<string, string>();

	private readonly askedKeys = new Set<string>();

	private readonly askedIds = new Set<string>();

	/** Every user of the provider is known (listed to the end). */
	complete = false;

	asked(kind: 'key' | 'id', value: string): boolean {
		return this.complete || (kind === 'key' ? this.askedKeys.has(norm(value)) : this.askedIds.has(value));
	}

	markAsked(kind: 'key' | 'id', values: Iterable<string>): void {
		for (const value of values) {
			if (kind === 'key') this.askedKeys.add(norm(value));
			else this.askedIds.add(value);
		}
	}

	/** Keeps the user as read or written, in place of what was known under its id. */
	put(user: MfaUser): MfaUser {
		this.drop(user.id);
		this.users.set(user.id, user);
		this.askedIds.add(user.id);
		this.usernames.set(norm(user.username), user.id);
		this.askedKeys.add(norm(user.username));
		for (const alias of user.aliases) if (alias) this.aliases.set(norm(alias), user.id);
		return user;
	}

	/** A deleted user: its id, username and aliases now resolve to "missing". */
	remove(userId: string): void {
		this.drop(userId);
		this.askedIds.add(userId);
	}

	/** Forgets the users these keys and ids matched, and that they were asked about. */
	forget(keys: Iterable<string>, ids: Iterable<string>): void {
		const userIds = new Set(ids);
		for (const key of keys) {
			const id = this.usernames.get(norm(key)) ?? this.aliases.get(norm(key));
			if (id) userIds.add(id);
			this.askedKeys.delete(norm(key));
		}
		for (const id of userIds) {
			const user = this.users.get(id);
			for (const key of user ? [user.username, ...user.aliases] : []) this.askedKeys.delete(norm(key));
			this.drop(id);
			this.askedIds.delete(id);
		}
		this.complete = false;
	}

	private drop(userId: string): void {
		const known = this.users.get(userId);
		if (!known) return;
		this.users.delete(userId);
		if (this.usernames.get(norm(known.username)) === userId) this.usernames.delete(norm(known.username));
		for (const alias of known.aliases) {
			if (this.aliases.get(norm(alias)) === userId) this.aliases.delete(norm(alias));
		}
	}

	/** The user; `null` when the provider is known to have none, `undefined` when not asked yet. */
	byId(id: string): MfaUser | null | undefined {
		return this.users.get(id) ?? (this.asked('id', id) ? null : undefined);
	}

	/** The user with this username, else with this alias. */
	byKey(key: string): MfaUser | null | undefined {
		const id = this.usernames.get(norm(key)) ?? this.aliases.get(norm(key));
		return (id ? this.users.get(id) : undefined) ?? (this.asked('key', key) ? null : undefined);
	}

	/** Like `byKey`, but only an alias counts. */
	byAlias(alias: string): MfaUser | null | undefined {
		const id = this.aliases.get(norm(alias));
		return (id ? this.users.get(id) : undefined) ?? (this.asked('key', alias) ? null : undefined);
	}

	all(): MfaUser[] {
		return [...this.users.values()];
	}
}
