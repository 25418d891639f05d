import type { IExecuteFunctions } from 'n8n-workflow';

import type { GroupQuery } from '../../shared/mfa/port';
import type { RetryPolicy } from '../transport/retryPolicy';
import type { DuoGroup } from './duoObjects';
import { GroupCache } from './groupCache';
import { GroupListing } from './groupListing';
import { readGroupSnapshot, writeGroupSnapshot, type SnapshotStore } from './groupSnapshot';

export type { GroupQuery } from '../../shared/mfa/port';

export interface GroupDirectoryOptions {
	/** Where the snapshot lives; read lazily, at the first group lookup. */
	store: SnapshotStore;
	/** Groups read this execution outside the listing: those embedded in the users read. */
	seen: () => Iterable<DuoGroup>;
	dryRun: boolean;
}

export const isPlannedId = (id: string) => id.startsWith('planned:');

/**
 * The Duo groups as this execution sees them. Lookups use, in order: what this execution read,
 * then a snapshot an earlier execution saved (when younger than its maximum age), then a fresh
 * listing. A lookup the snapshot cannot answer lists the groups afresh before it concludes that a
 * group is missing, so a group created directly in Duo is found rather than duplicated.
 */
export class GroupDirectory {
	readonly cache = new GroupCache();

	private readonly listing: GroupListing;

	private loaded = false;

	private rememberedAt?: number;

	/** In a dry run: groups this execution would have created or renamed, or deleted (null). */
	private readonly simulated = new Map<string, DuoGroup | null>();

	constructor(
		ctx: IExecuteFunctions,
		retry: RetryPolicy,
		private readonly options: GroupDirectoryOptions,
	) {
		this.listing = new GroupListing(ctx, retry, this.cache, (group) => this.overlay(group));
	}

	private overlay(group: DuoGroup): DuoGroup | undefined {
		if (!this.simulated.has(group.group_id)) return group;
		return this.simulated.get(group.group_id) ?? undefined;
	}

	private get keepsSnapshot(): boolean {
		return !this.options.dryRun && this.options.store.maxAgeMs > 0;
	}

	private async loadStore(): Promise<void> {
		if (this.loaded) return;
		this.loaded = true;
		const snapshot = readGroupSnapshot(this.options.store, Date.now());
		if (snapshot && !this.cache.complete) {
			this.cache.remember(snapshot.groups);
			this.rememberedAt = snapshot.listedAt;
		}
	}

	/** Records a group as this execution's write left it (in a dry run, as it would have). */
	recordWrite(group: DuoGroup): DuoGroup {
		if (this.options.dryRun) this.simulated.set(group.group_id, group);
		return this.cache.put(group);
	}

	remove(groupId: string): void {
		this.cache.remove(groupId);
		if (this.options.dryRun) this.simulated.set(groupId, null);
		else this.listing.forget(groupId);
	}

	/** Drops what the cache remembers and reads the whole listing again. */
	async refresh(): Promise<void> {
		this.cache.clear();
		this.listing.restart();
		this.rememberedAt = undefined;
		for (const group of this.options.seen()) this.cache.put(group);
		for (const group of this.simulated.values()) {
			if (group && isPlannedId(group.group_id)) this.cache.put(group);
		}
		await this.listing.readAll();
	}

	/**
	 * Finds a group by id, then description marker, then name. With `markerFirst`, every group is
	 * searched for the marker before the name is used. The listing is read only as far as needed,
	 * or whole when the result will be kept for later executions.
	 */
	async find(
		query: GroupQuery,
		options: { markerFirst?: boolean } = {},
	): Promise<DuoGroup | undefined> {
		await this.loadStore();
		const { cache } = this;
		const markers = query.markers ?? [];
		const byMarker = () => {
			for (const marker of markers) {
				const found = cache.byMarkerKey(marker);
				if (found) return found;
			}
			return undefined;
		};
		const exact = () => (query.id ? cache.byGroupId(query.id) : undefined) ?? byMarker();
		const byName = () => (query.name ? cache.byNameKey(query.name) : undefined);
		const nameWaits = options.markerFirst && markers.length > 0;
		for (;;) {
			const found = exact() ?? (nameWaits ? undefined : byName());
			if (found) return found;
			if (cache.complete) {
				const named = byName();
				if (named || cache.fresh) return named;
				await this.refresh();
				continue;
			}
			if (this.keepsSnapshot) await this.listing.readAll();
			else await this.listing.readPage();
		}
	}

	/** Every Duo group, read fresh this execution, in listing order. */
	async all(): Promise<DuoGroup[]> {
		await this.loadStore();
		if (!this.cache.fresh) await this.refresh();
		return await this.listing.readAll();
	}

	/** Whether every group is known from a listing read this execution. */
	get completeAndFresh(): boolean {
		return this.cache.complete && this.cache.fresh;
	}

	/**
	 * Keeps the directory for later executions of this process when it is complete, including what
	 * this execution learnt from the users it read. A snapshot keeps the time of the listing it grew
	 * from, so groups changed directly in Duo are seen again within the maximum age. A dry run keeps
	 * nothing.
	 */
	async save(): Promise<void> {
		if (this.options.dryRun) return;
		const store = this.options.store;
		if (store.maxAgeMs <= 0) return;
		if (!this.loaded) {
			if (this.cache.all().length === 0) return;
			await this.loadStore();
		}
		if (!this.cache.complete) return;
		const listedAt = this.cache.fresh ? this.listing.startedAt : this.rememberedAt;
		if (listedAt === undefined) return;
		const groups = this.cache.all().filter((group) => !isPlannedId(group.group_id));
		writeGroupSnapshot(store, { listedAt, groups });
	}
}
