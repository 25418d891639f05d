import { markersIn } from '../anchors';
import type {
	CreateOutcome,
	GroupQuery,
	MfaCapabilities,
	MfaDevice,
	MfaDirectory,
	MfaGroup,
	MfaUser,
	NewUser,
	PlannedWrite,
	UserChanges,
	UserNeeds,
	UserRef,
} from '../port';
import { GroupDirectory } from './groupDirectory';
import { UserIndex } from './userIndex';

export interface TargetDirectoryOptions {
	/** Writes are recorded and answered as if they succeeded, without reaching the provider. */
	dryRun?: boolean;
	/** How long each n8n process keeps the group listing for later executions; 0 keeps none. */
	groupCacheMaxAgeMinutes?: number;
}

export const isPlannedId = (id: string) => id.startsWith('planned:');

export const plannedId = (name: string) => `planned:${name}`;

const present = (values: Array<string | undefined>) => values.filter((value): value is string => !!value);

/** A group write's result: the group it reached (found again when its id was stale), or nothing. */
export type GroupReached<T> = { group: MfaGroup; value: T | undefined } | undefined;

/** What a group write answers when the provider says the group does not exist. */
export const GROUP_GONE = Symbol('group gone');

/**
 * What every MFA provider adapter shares: per-execution caches of the users, their groups and
 * devices, and the groups (see GroupDirectory); the record of every write, sent or in a dry run
 * only planned; and the order in which a user reference is resolved (id, then anchors, then
 * username). An adapter supplies the provider's reads and writes.
 */
export abstract class TargetDirectory implements MfaDirectory {
	readonly writes: PlannedWrite[] = [];

	readonly dryRun: boolean;

	protected readonly users = new UserIndex();

	protected readonly groups: GroupDirectory;

	private readonly groupsKnown = new Set<string>();

	private readonly devices = new Map<string, MfaDevice[]>();

	/** In a dry run: users this execution would have deleted, so later reads do not revive them. */
	private readonly deleted = new Set<string>();

	protected constructor(
		readonly capabilities: MfaCapabilities,
		readonly accountKey: string,
		options: TargetDirectoryOptions,
	) {
		this.dryRun = options.dryRun === true;
		this.groups = new GroupDirectory({
			account: accountKey,
			list: async () => await this.fetchGroups(),
			dryRun: this.dryRun,
			maxAgeMs: Math.max(0, (options.groupCacheMaxAgeMinutes ?? 0) * 60_000),
		});
	}

	/** Users matching any of the lookup keys (usernames or anchors) or ids, in as few calls as possible. */
	protected abstract fetchUsers(lookup: { keys: string[]; ids: string[] }): Promise<MfaUser[]>;

	/** Every user of the provider. */
	protected abstract fetchAllUsers(progress?: (read: number, total?: number) => void): Promise<MfaUser[]>;

	/** The groups the user is in (the ones the adapter manages). */
	protected abstract fetchUserGroups(user: MfaUser): Promise<MfaGroup[]>;

	/** The ids of the users in the group. */
	protected abstract fetchGroupMemberIds(group: MfaGroup): Promise<string[]>;

	/** Every group of the provider. */
	protected abstract fetchGroups(): Promise<MfaGroup[]>;

	/** The user's MFA devices and methods, in the order they are safely removed. */
	protected abstract fetchDevices(user: MfaUser): Promise<MfaDevice[]>;

	abstract createUser(user: NewUser): Promise<CreateOutcome<MfaUser>>;

	abstract updateUser(user: MfaUser, changes: UserChanges): Promise<MfaUser>;

	abstract deleteUser(user: MfaUser): Promise<void>;

	abstract createGroup(group: { name: string; description?: string }): Promise<CreateOutcome<MfaGroup>>;

	abstract updateGroup(
		group: MfaGroup,
		changes: { name?: string; description?: string },
		requery?: GroupQuery,
	): Promise<MfaGroup | undefined>;

	abstract deleteGroup(group: MfaGroup, requery?: GroupQuery): Promise<MfaGroup | undefined>;

	abstract addToGroup(user: MfaUser, group: MfaGroup): Promise<MfaGroup | undefined>;

	abstract removeFromGroup(user: MfaUser, group: MfaGroup): Promise<void>;

	abstract removeDevice(user: MfaUser, device: MfaDevice): Promise<void>;

	/**
	 * Records a write and sends it, unless this is a dry run: then `send` is not called and the
	 * answer is undefined, and the caller derives the new state itself.
	 */
	protected async write<T>(plan: PlannedWrite, send: () => Promise<T>): Promise<T | undefined> {
		this.writes.push(plan);
		if (this.dryRun) return undefined;
		return await send();
	}

	/** The user as this execution knows it now (after its writes), else as given. */
	protected current(user: MfaUser): MfaUser {
		return this.users.byId(user.id) ?? user;
	}

	/** Keeps a user as read or written; its groups stay known when the new object lacks them. */
	protected remember(user: MfaUser): MfaUser {
		const known = this.users.byId(user.id);
		const keepGroups = known && this.groupsKnown.has(user.id) && user.groups.length === 0;
		const next = keepGroups ? { ...user, groups: known.groups } : user;
		for (const group of next.groups) this.groups.record(group);
		return this.users.put(next);
	}

	/** A user the execution created: nothing in it, no groups, no devices. */
	protected rememberCreated(user: MfaUser): MfaUser {
		this.groupsKnown.add(user.id);
		this.devices.set(user.id, []);
		return this.users.put(user);
	}

	protected forgetDeleted(user: MfaUser): void {
		this.users.remove(user.id);
		this.devices.delete(user.id);
		if (this.dryRun) this.deleted.add(user.id);
	}

	/** Changes the cached user's groups after a membership write. */
	protected changeMembership(user: MfaUser, group: MfaGroup, member: boolean): void {
		const known = this.current(user);
		const others = known.groups.filter((candidate) => candidate.id !== group.id);
		this.users.put({ ...known, groups: member ? [...others, group] : others });
	}

	async prefetchUsers(lookup: { keys?: Iterable<string>; ids?: Iterable<string> }): Promise<void> {
		const unique = (values: Iterable<string> | undefined, kind: 'key' | 'id') => {
			const seen = new Map<string, string>();
			for (const value of values ?? []) {
				const trimmed = value?.trim();
				if (!trimmed || isPlannedId(trimmed) || this.users.asked(kind, trimmed)) continue;
				seen.set(kind === 'key' ? trimmed.toLowerCase() : trimmed, trimmed);
			}
			return [...seen.values()];
		};
		const keys = unique(lookup.keys, 'key');
		const ids = unique(lookup.ids, 'id');
		if (keys.length === 0 && ids.length === 0) return;
		const found = await this.fetchUsers({ keys, ids });
		for (const user of found) if (!this.deleted.has(user.id)) this.remember(user);
		this.users.markAsked('key', keys);
		this.users.markAsked('id', ids);
	}

	/**
	 * The user by id, else by an anchor, else by username. Its groups are read when `needs` asks for
	 * them, once per execution; until then they may be empty.
	 */
	async findUser(ref: UserRef, needs?: UserNeeds): Promise<MfaUser | undefined> {
		const anchors = ref.anchors ?? [];
		await this.prefetchUsers({ keys: present([...anchors, ref.username]), ids: present([ref.id]) });
		let user: MfaUser | null | undefined;
		if (ref.id) user = this.users.byId(ref.id);
		else {
			for (const anchor of anchors) {
				user = this.users.byAlias(anchor);
				if (user) break;
			}
			if (!user && ref.username) user = this.users.byKey(ref.username);
		}
		if (!user) return undefined;
		if (needs?.groups && this.capabilities.groups && !this.groupsKnown.has(user.id)) {
			const groups = await this.fetchUserGroups(user);
			this.groupsKnown.add(user.id);
			return this.remember({ ...this.current(user), groups });
		}
		return user;
	}

	/**
	 * Every user. Their groups come from one member listing per group when there are fewer groups
	 * than users; otherwise each user's groups are read when the user is first used.
	 */
	async listUsers(progress?: (read: number, total?: number) => void): Promise<MfaUser[]> {
		const listed = (await this.fetchAllUsers(progress)).filter((user) => !this.deleted.has(user.id));
		const groupsOf = new Map<string, MfaGroup[]>(listed.map((user) => [user.id, []]));
		const groups = this.capabilities.groups ? await this.groups.all() : [];
		const byMembers = groups.length <= listed.length;
		if (byMembers) {
			for (const group of groups) {
				for (const id of await this.fetchGroupMemberIds(group)) groupsOf.get(id)?.push(group);
			}
		}
		const users = listed.map((user) => {
			if (byMembers) this.groupsKnown.add(user.id);
			return this.remember({ ...user, groups: byMembers ? (groupsOf.get(user.id) ?? []) : [] });
		});
		this.users.complete = true;
		return users;
	}

	async refreshUser(ref: UserRef): Promise<void> {
		const keys = present([...(ref.anchors ?? []), ref.username]);
		const ids = present([ref.id]).filter((id) => !isPlannedId(id));
		for (const key of keys) {
			const known = this.users.byKey(key);
			if (known) ids.push(known.id);
		}
		for (const id of ids) {
			this.groupsKnown.delete(id);
			this.devices.delete(id);
		}
		this.users.forget(keys, ids);
		await this.prefetchUsers({ keys, ids });
	}

	async listDevices(user: MfaUser): Promise<MfaDevice[]> {
		if (isPlannedId(user.id)) return [];
		let devices = this.devices.get(user.id);
		if (!devices) {
			devices = await this.fetchDevices(user);
			this.devices.set(user.id, devices);
		}
		return [...devices];
	}

	/** The user's devices this execution has not removed yet (as listed). */
	protected knownDevices(user: MfaUser): MfaDevice[] {
		return this.devices.get(user.id) ?? [];
	}

	protected devicesRemoved(user: MfaUser, ids: Iterable<string>): void {
		const gone = new Set(ids);
		this.devices.set(user.id, this.knownDevices(user).filter((device) => !gone.has(device.id)));
	}

	async findGroup(query: GroupQuery, options: { markerFirst?: boolean } = {}): Promise<MfaGroup | undefined> {
		return await this.groups.find(query, options);
	}

	async listGroups(limit?: number): Promise<MfaGroup[]> {
		const all = await this.groups.all();
		return limit === undefined ? all : all.slice(0, limit);
	}

	/**
	 * Sends a write that names `group`. When the provider says the group does not exist, its id was
	 * stale: the groups are listed afresh, the group is found again (by `requery`, else by its
	 * markers and name) and the write sent once more. Undefined when the group no longer exists.
	 */
	protected async groupWrite<T>(
		group: MfaGroup,
		send: (target: MfaGroup) => Promise<T | typeof GROUP_GONE | undefined>,
		requery?: GroupQuery,
	): Promise<GroupReached<T>> {
		const first = await send(group);
		if (first !== GROUP_GONE) return { group, value: first };
		this.groups.remove(group.id);
		for (const user of this.users.all()) {
			if (user.groups.some((candidate) => candidate.id === group.id)) this.changeMembership(user, group, false);
		}
		await this.groups.refresh();
		const again = await this.groups.find(requery ?? { markers: markersIn(group.description), name: group.name }, {
			markerFirst: true,
		});
		if (!again) return undefined;
		const second = await send(again);
		return second === GROUP_GONE ? undefined : { group: again, value: second };
	}

	/** Keeps a group as written, in the group directory and in the cached users' memberships. */
	protected groupChanged(group: MfaGroup): MfaGroup {
		const next = this.groups.record(group);
		for (const user of this.users.all()) {
			if (user.groups.some((candidate) => candidate.id === next.id)) {
				this.users.put({ ...user, groups: user.groups.map((candidate) => (candidate.id === next.id ? { ...next } : candidate)) });
			}
		}
		return next;
	}

	protected groupDeleted(group: MfaGroup): void {
		this.groups.remove(group.id);
		for (const user of this.users.all()) {
			if (user.groups.some((candidate) => candidate.id === group.id)) this.changeMembership(user, group, false);
		}
	}

	async close(): Promise<void> {
		this.groups.save();
	}
}
