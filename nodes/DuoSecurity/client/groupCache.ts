import { markersIn } from '../../shared/mfa/anchors';
import type { DuoGroup } from './duoObjects';

const norm = (name: string) => name.trim().toLowerCase();

/**
 * The Duo groups known in one execution: those embedded in cached user objects, the pages of the
 * group listing read so far, and groups remembered from an earlier execution's listing. Duo group
 * names are unique, so a group seen this execution displaces a remembered group of the same name.
 * Every operation is O(1) in the number of groups known.
 */
export class GroupCache {
	private readonly byId = new Map<string, DuoGroup>();

	private readonly byName = new Map<string, string>();

	private readonly byMarker = new Map<string, string>();

	/** The name key and markers each group is indexed under, to unindex it without a scan. */
	private readonly keysOf = new Map<string, { name: string; markers: string[] }>();

	/** Ids known only from an earlier execution. */
	private readonly remembered = new Set<string>();

	/** Whether every Duo group is known (a listing was read to its end, or remembered). */
	complete = false;

	/** Whether what is known was read this execution: false while remembered groups stand in. */
	fresh = true;

	put(group: DuoGroup): DuoGroup {
		this.remembered.delete(group.group_id);
		const clash = this.byName.get(norm(group.name));
		if (clash !== undefined && clash !== group.group_id && this.remembered.has(clash)) {
			this.remove(clash);
		}
		return this.index(group);
	}

	/** Adds groups from an earlier listing, unless this execution already knows better. */
	remember(groups: DuoGroup[]): void {
		for (const group of groups) {
			if (this.byId.has(group.group_id) || this.byName.has(norm(group.name))) continue;
			this.index(group);
			this.remembered.add(group.group_id);
		}
		this.complete = true;
		this.fresh = false;
	}

	private index(group: DuoGroup): DuoGroup {
		const known = this.byId.get(group.group_id);
		const merged = known ? Object.assign(known, group) : { ...group };
		this.unindex(merged.group_id);
		this.byId.set(merged.group_id, merged);
		const keys = { name: norm(merged.name), markers: markersIn(merged.desc) };
		this.keysOf.set(merged.group_id, keys);
		this.byName.set(keys.name, merged.group_id);
		for (const marker of keys.markers) this.byMarker.set(marker, merged.group_id);
		return merged;
	}

	remove(groupId: string): void {
		this.unindex(groupId);
		this.byId.delete(groupId);
		this.remembered.delete(groupId);
	}

	/** Forgets everything, before a fresh listing. */
	clear(): void {
		for (const map of [this.byId, this.byName, this.byMarker, this.keysOf]) map.clear();
		this.remembered.clear();
		this.complete = false;
		this.fresh = true;
	}

	private unindex(groupId: string): void {
		const keys = this.keysOf.get(groupId);
		if (!keys) return;
		this.keysOf.delete(groupId);
		if (this.byName.get(keys.name) === groupId) this.byName.delete(keys.name);
		for (const marker of keys.markers) if (this.byMarker.get(marker) === groupId) this.byMarker.delete(marker);
	}

	byGroupId(id: string): DuoGroup | undefined {
		return this.byId.get(id);
	}

	byMarkerKey(marker: string): DuoGroup | undefined {
		const id = this.byMarker.get(marker);
		return id ? this.byId.get(id) : undefined;
	}

	byNameKey(name: string): DuoGroup | undefined {
		const id = this.byName.get(norm(name));
		return id ? this.byId.get(id) : undefined;
	}

	all(): DuoGroup[] {
		return [...this.byId.values()];
	}
}
