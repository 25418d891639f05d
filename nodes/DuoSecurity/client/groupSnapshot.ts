import type { IDataObject } from 'n8n-workflow';

import type { DuoGroup } from './duoObjects';

/** Where the node keeps group snapshots in its workflow static data, one per Duo API host. */
export const SNAPSHOT_KEY = 'duoGroupDirectory';

export interface GroupSnapshot {
	/** When the listing the snapshot started from was read (epoch milliseconds). */
	listedAt: number;
	groups: DuoGroup[];
}

export interface SnapshotStore {
	/** The node's static data (`getWorkflowStaticData('node')`), persisted by n8n. */
	staticData: IDataObject;
	/** The API host of the credential: snapshots of different Duo accounts never mix. */
	host: string;
	/** How long a snapshot may be used; 0 keeps the directory for one execution only. */
	maxAgeMs: number;
}

function isGroup(value: unknown): value is DuoGroup {
	const group = value as DuoGroup | null;
	return (
		typeof group === 'object' &&
		group !== null &&
		typeof group.group_id === 'string' &&
		typeof group.name === 'string'
	);
}

function snapshots(staticData: IDataObject): IDataObject | undefined {
	const value = staticData[SNAPSHOT_KEY];
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as IDataObject)
		: undefined;
}

/** The snapshot for the store's host, when there is one younger than the maximum age. */
export function readGroupSnapshot(store: SnapshotStore, now: number): GroupSnapshot | undefined {
	if (store.maxAgeMs <= 0) return undefined;
	const entry = snapshots(store.staticData)?.[store.host] as IDataObject | undefined;
	const listedAt = Number(entry?.listedAt);
	if (!entry || !Number.isFinite(listedAt) || !Array.isArray(entry.groups)) return undefined;
	const age = now - listedAt;
	if (age < 0 || age > store.maxAgeMs) return undefined;
	return { listedAt, groups: entry.groups.filter(isGroup) };
}

/**
 * Stores the snapshot, leaving the static data untouched when nothing changed (n8n saves changed
 * static data after the execution). With a maximum age of 0 the host's snapshot is removed.
 */
export function writeGroupSnapshot(store: SnapshotStore, snapshot: GroupSnapshot): void {
	const all = snapshots(store.staticData);
	if (store.maxAgeMs <= 0) {
		if (all && store.host in all) {
			const others = { ...all };
			delete others[store.host];
			store.staticData[SNAPSHOT_KEY] = others;
		}
		return;
	}
	const entry = {
		listedAt: snapshot.listedAt,
		groups: snapshot.groups.map(({ group_id, name, desc }) => ({
			group_id,
			name,
			desc: desc ?? '',
		})),
	};
	if (JSON.stringify(all?.[store.host]) === JSON.stringify(entry)) return;
	store.staticData[SNAPSHOT_KEY] = { ...(all ?? {}), [store.host]: entry };
}
