import type { DuoGroup } from './duoObjects';

/**
 * The Duo group directory kept between executions, in this n8n process's memory, one per Duo API
 * host. Losing it costs one group listing; it never holds anything another process needs. It is not
 * kept in workflow static data: n8n saves that last-writer-wins over what the trigger recorded.
 */
export interface GroupSnapshot {
	/** When the listing the snapshot started from was read (epoch milliseconds). */
	listedAt: number;
	groups: DuoGroup[];
}

export interface SnapshotStore {
	/** The API host of the credential: snapshots of different Duo accounts never mix. */
	host: string;
	/** How long a snapshot may be used; 0 keeps the directory for one execution only. */
	maxAgeMs: number;
}

const snapshots = new Map<string, GroupSnapshot>();
const MAX_HOSTS = 100;

/** The snapshot for the store's host, when there is one younger than the maximum age. */
export function readGroupSnapshot(store: SnapshotStore, now: number): GroupSnapshot | undefined {
	if (store.maxAgeMs <= 0) return undefined;
	const snapshot = snapshots.get(store.host);
	if (!snapshot) return undefined;
	const age = now - snapshot.listedAt;
	if (age < 0 || age > store.maxAgeMs) return undefined;
	return snapshot;
}

/** Stores the snapshot; a store with a maximum age of 0 keeps nothing. */
export function writeGroupSnapshot(store: SnapshotStore, snapshot: GroupSnapshot): void {
	if (store.maxAgeMs <= 0) return;
	snapshots.delete(store.host);
	snapshots.set(store.host, {
		listedAt: snapshot.listedAt,
		groups: snapshot.groups.map(({ group_id, name, desc }) => ({ group_id, name, desc: desc ?? '' })),
	});
	if (snapshots.size > MAX_HOSTS) snapshots.delete(snapshots.keys().next().value as string);
}
