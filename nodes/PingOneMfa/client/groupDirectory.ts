import { markersIn } from '../../shared/mfa/anchors';
import type { GroupQuery } from '../../shared/mfa/port';
import type { PingOneGroup } from './pingOneObjects';
import { readGroupSnapshot, writeGroupSnapshot } from './groupSnapshot';

/** PingOne answers up to 1000 groups per page. */
export const GROUPS_PAGE = 1000;

export const isPlannedId = (id: string) => id.startsWith('planned:');

const key = (text: string) => text.trim().toLowerCase();

export interface GroupDirectoryOptions {
	/** The environment: snapshots of two environments never mix. */
	account: string;
	/** How long a snapshot of this process may stand in for a listing; 0 lists once per execution. */
	maxAgeMs: number;
	dryRun: boolean;
	list(): Promise<PingOneGroup[]>;
}

/**
 * The PingOne groups as one execution sees them: every group from one listing, or from a snapshot
 * an earlier execution of this process kept. A group the snapshot cannot name is looked for in a
 * fresh listing before it counts as missing, so a group made directly in PingOne is found rather
 * than made twice. In a dry run, the groups it would have created or deleted stay so across a
 * fresh listing, and nothing is kept.
 */
export class PingOneGroupDirectory {
	private readonly byId = new Map<string, PingOneGroup>();

	private loaded = false;

	/** Whether the groups come from a listing of this execution. */
	private fresh = false;

	private listedAt?: number;

	private readonly planned = new Map<string, PingOneGroup | null>();

	constructor(private readonly options: GroupDirectoryOptions) {}

	private async load(): Promise<void> {
		if (this.loaded) return;
		const snapshot = readGroupSnapshot(this.options.account, this.options.maxAgeMs, Date.now());
		if (!snapshot) return await this.refresh();
		for (const group of snapshot.groups) this.byId.set(group.id, group);
		this.listedAt = snapshot.listedAt;
		this.loaded = true;
	}

	/** Lists every group again, keeping what this dry run would have changed. */
	async refresh(): Promise<void> {
		const listedAt = Date.now();
		const groups = await this.options.list();
		this.byId.clear();
		for (const group of groups) this.byId.set(group.id, group);
		for (const [id, group] of this.planned) {
			if (group) this.byId.set(id, group);
			else this.byId.delete(id);
		}
		this.listedAt = listedAt;
		this.loaded = true;
		this.fresh = true;
	}

	private match(query: GroupQuery): PingOneGroup | undefined {
		const groups = [...this.byId.values()];
		if (query.id) {
			const byId = this.byId.get(query.id);
			if (byId) return byId;
		}
		for (const marker of query.markers ?? []) {
			const marked = groups.find((group) => markersIn(group.description).includes(marker));
			if (marked) return marked;
		}
		return query.name === undefined ? undefined : groups.find((group) => key(group.name) === key(query.name as string));
	}

	/** A group by id, then by a marker in its description, then by name. */
	async find(query: GroupQuery): Promise<PingOneGroup | undefined> {
		await this.load();
		const found = this.match(query);
		if (found || this.fresh) return found;
		await this.refresh();
		return this.match(query);
	}

	/** The groups with these ids; an id the snapshot does not know is looked for in a fresh listing. */
	async byIds(ids: readonly string[]): Promise<Array<PingOneGroup | undefined>> {
		if (ids.length === 0) return [];
		await this.load();
		if (!this.fresh && ids.some((id) => !this.byId.has(id))) await this.refresh();
		return ids.map((id) => this.byId.get(id));
	}

	async all(): Promise<PingOneGroup[]> {
		if (!this.fresh) await this.refresh();
		return [...this.byId.values()];
	}

	/** Records a group as a write left it (in a dry run: would have). */
	put(group: PingOneGroup): PingOneGroup {
		const merged = { ...(this.byId.get(group.id) ?? {}), ...group };
		this.byId.set(group.id, merged);
		if (this.options.dryRun) this.planned.set(group.id, merged);
		return merged;
	}

	remove(groupId: string): void {
		this.byId.delete(groupId);
		if (this.options.dryRun) this.planned.set(groupId, null);
	}

	/** Keeps the groups for later executions of this process; a dry run keeps nothing. */
	save(): void {
		if (this.options.dryRun || this.options.maxAgeMs <= 0 || !this.loaded || this.listedAt === undefined) return;
		const groups = [...this.byId.values()].filter((group) => !isPlannedId(group.id));
		writeGroupSnapshot(this.options.account, { listedAt: this.listedAt, groups });
	}
}
