import { carriesMarker } from '../anchors';
import type { GroupQuery, MfaGroup } from '../port';

/**
 * The groups of one MFA provider account as an execution sees them. The whole listing is read at
 * most once per execution, or not at all while a listing an earlier execution of this process read
 * is younger than the maximum age; a name that listing does not know is looked up in a fresh
 * listing before anyone concludes the group is missing, so a group created directly in the
 * provider is found rather than duplicated. Writes of the execution update what it knows; a dry run
 * keeps nothing for later executions.
 */

interface Snapshot {
	listedAt: number;
	groups: MfaGroup[];
}

const snapshots = new Map<string, Snapshot>();
const MAX_ACCOUNTS = 100;

export interface GroupDirectoryOptions {
	/** The provider account (MfaDirectory.accountKey): snapshots of two accounts never mix. */
	account: string;
	/** Reads every group of the provider, all pages. */
	list(): Promise<MfaGroup[]>;
	dryRun: boolean;
	/** How long a listing is used by later executions; 0 lists once per execution. */
	maxAgeMs: number;
}

const norm = (name: string) => name.trim().toLowerCase();
const copy = (group: MfaGroup): MfaGroup => ({ id: group.id, name: group.name, description: group.description });

export class GroupDirectory {
	private readonly groups = new Map<string, MfaGroup>();

	/** Every group of the provider is known; `fresh` when this execution listed them itself. */
	private complete = false;

	private fresh = false;

	private listedAt?: number;

	private snapshotRead = false;

	constructor(private readonly options: GroupDirectoryOptions) {}

	private useSnapshot(): void {
		if (this.snapshotRead || this.complete) return;
		this.snapshotRead = true;
		const snapshot = snapshots.get(this.options.account);
		const age = snapshot ? Date.now() - snapshot.listedAt : -1;
		if (!snapshot || age < 0 || age > this.options.maxAgeMs) return;
		for (const group of snapshot.groups) if (!this.groups.has(group.id)) this.groups.set(group.id, copy(group));
		this.complete = true;
		this.listedAt = snapshot.listedAt;
	}

	/** Lists every group afresh, keeping the groups this execution created but has not listed yet. */
	async refresh(): Promise<void> {
		const startedAt = Date.now();
		const listed = await this.options.list();
		const planned = [...this.groups.values()].filter((group) => group.id.startsWith('planned:'));
		this.groups.clear();
		for (const group of [...listed, ...planned]) this.groups.set(group.id, copy(group));
		this.complete = true;
		this.fresh = true;
		this.listedAt = startedAt;
	}

	/** A group this execution read elsewhere (in a user's memberships) or wrote. */
	record(group: MfaGroup): MfaGroup {
		const known = this.groups.get(group.id);
		const next = known ? Object.assign(known, copy(group)) : copy(group);
		this.groups.set(next.id, next);
		return next;
	}

	remove(groupId: string): void {
		this.groups.delete(groupId);
	}

	byId(groupId: string): MfaGroup | undefined {
		return this.groups.get(groupId);
	}

	private byName(name: string | undefined): MfaGroup | undefined {
		if (name === undefined) return undefined;
		for (const group of this.groups.values()) if (norm(group.name) === norm(name)) return group;
		return undefined;
	}

	private byMarker(markers: readonly string[]): MfaGroup | undefined {
		if (markers.length === 0) return undefined;
		for (const group of this.groups.values()) if (carriesMarker(group, markers)) return group;
		return undefined;
	}

	/**
	 * The group the query names: by id, then by marker, then by name. With `markerFirst`, every
	 * group is looked at for the marker before the name is used.
	 */
	async find(query: GroupQuery, options: { markerFirst?: boolean } = {}): Promise<MfaGroup | undefined> {
		this.useSnapshot();
		const markers = query.markers ?? [];
		const nameWaits = options.markerFirst === true && markers.length > 0;
		for (;;) {
			const exact = (query.id ? this.groups.get(query.id) : undefined) ?? this.byMarker(markers);
			if (exact) return exact;
			const named = this.byName(query.name);
			if (named && !nameWaits) return named;
			if (this.complete && (named || this.fresh)) return named;
			await this.refresh();
		}
	}

	/** Every group, from a listing this execution read. */
	async all(): Promise<MfaGroup[]> {
		if (!this.fresh) await this.refresh();
		return [...this.groups.values()];
	}

	/** Keeps a complete listing for later executions of this process (never from a dry run). */
	save(): void {
		if (this.options.dryRun || this.options.maxAgeMs <= 0 || !this.complete || this.listedAt === undefined) return;
		const groups = [...this.groups.values()].filter((group) => !group.id.startsWith('planned:')).map(copy);
		snapshots.delete(this.options.account);
		snapshots.set(this.options.account, { listedAt: this.listedAt, groups });
		if (snapshots.size > MAX_ACCOUNTS) snapshots.delete(snapshots.keys().next().value as string);
	}
}
