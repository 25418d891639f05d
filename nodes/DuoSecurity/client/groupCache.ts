import type { DuoGroup } from './duoObjects';

const norm = (name: string) => name.trim().toLowerCase();

/** `idp:<provider>:<group id>` tokens in a group description. */
export function groupMarkers(desc: string | null | undefined): string[] {
	return (desc ?? '').match(/idp:[^\s:]+:\S+/g) ?? [];
}

export function groupMarker(idp: string, groupId: string): string {
	return `idp:${idp}:${groupId}`;
}

/**
 * The Duo groups known in one execution: those embedded in cached user objects, and the pages of
 * the group listing read so far (the listing is read at most once per execution).
 */
export class GroupCache {
	private readonly byId = new Map<string, DuoGroup>();

	private readonly byName = new Map<string, string>();

	private readonly byMarker = new Map<string, string>();

	/** Whether every Duo group is known (the listing was read to its end). */
	complete = false;

	put(group: DuoGroup): DuoGroup {
		const known = this.byId.get(group.group_id);
		const merged = known ? Object.assign(known, group) : { ...group };
		this.unindex(merged.group_id);
		this.byId.set(merged.group_id, merged);
		this.byName.set(norm(merged.name), merged.group_id);
		for (const marker of groupMarkers(merged.desc)) this.byMarker.set(marker, merged.group_id);
		return merged;
	}

	remove(groupId: string): void {
		this.unindex(groupId);
		this.byId.delete(groupId);
	}

	private unindex(groupId: string): void {
		for (const index of [this.byName, this.byMarker]) {
			for (const [key, id] of index) if (id === groupId) index.delete(key);
		}
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
