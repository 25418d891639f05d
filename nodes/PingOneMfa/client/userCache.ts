import type { PingOneUser } from './pingOneObjects';

const norm = (text: string) => text.trim().toLowerCase();

/**
 * The PingOne users one execution read, by id, username and external id (the anchor), and which
 * keys and ids it already asked PingOne about, so that nothing is looked up twice. A user's group
 * ids are kept once a read included them (`include=memberOfGroupIDs`).
 */
export class PingOneUserCache {
	private readonly byId = new Map<string, PingOneUser>();

	private readonly byUsername = new Map<string, string>();

	private readonly byExternalId = new Map<string, string>();

	private readonly askedKeys = new Set<string>();

	private readonly askedIds = new Set<string>();

	/** Set once every user was listed: a key or id not found then is known to be missing. */
	complete = false;

	/** Keys and ids forgotten since the listing, which must be read again. */
	private readonly forgotten = new Set<string>();

	put(user: PingOneUser): PingOneUser {
		const known = this.byId.get(user.id);
		const merged: PingOneUser = { ...(known ?? {}), ...user };
		if (!user.memberOfGroupIDs && known?.memberOfGroupIDs) merged.memberOfGroupIDs = known.memberOfGroupIDs;
		this.unindex(user.id);
		this.byId.set(merged.id, merged);
		this.byUsername.set(norm(merged.username), merged.id);
		if (merged.externalId) this.byExternalId.set(norm(merged.externalId), merged.id);
		return merged;
	}

	private unindex(id: string): void {
		const known = this.byId.get(id);
		if (!known) return;
		if (this.byUsername.get(norm(known.username)) === id) this.byUsername.delete(norm(known.username));
		if (known.externalId && this.byExternalId.get(norm(known.externalId)) === id) {
			this.byExternalId.delete(norm(known.externalId));
		}
	}

	remove(id: string): void {
		this.unindex(id);
		this.byId.delete(id);
	}

	byUserId(id: string): PingOneUser | undefined {
		return this.byId.get(id);
	}

	all(): PingOneUser[] {
		return [...this.byId.values()];
	}

	byAnchor(anchor: string): PingOneUser | undefined {
		const id = this.byExternalId.get(norm(anchor));
		return id ? this.byId.get(id) : undefined;
	}

	/** By username, else by external id: what "By Username" matches. */
	byKey(key: string): PingOneUser | undefined {
		const id = this.byUsername.get(norm(key));
		return id ? this.byId.get(id) : this.byAnchor(key);
	}

	hasAskedKey(key: string): boolean {
		return this.askedKeys.has(norm(key)) || (this.complete && !this.forgotten.has(norm(key)));
	}

	hasAskedId(id: string): boolean {
		return this.askedIds.has(id) || (this.complete && !this.forgotten.has(id));
	}

	markAsked(keys: Iterable<string>, ids: Iterable<string>): void {
		for (const key of keys) this.askedKeys.add(norm(key));
		for (const id of ids) this.askedIds.add(id);
	}

	/** Forgets what is known about these keys and ids, so that they are read again. */
	forget(keys: Iterable<string>, ids: Iterable<string>): void {
		for (const key of keys) {
			this.askedKeys.delete(norm(key));
			this.forgotten.add(norm(key));
			const user = this.byKey(key);
			if (user) {
				this.askedIds.delete(user.id);
				this.forgotten.add(user.id);
				for (const other of [user.username, user.externalId]) if (other) this.forgotten.add(norm(other));
				this.remove(user.id);
			}
		}
		for (const id of ids) {
			this.askedIds.delete(id);
			this.forgotten.add(id);
			this.remove(id);
		}
	}
}
