import type { PingOneGroup } from './pingOneObjects';

/**
 * The PingOne groups one execution listed, kept in this n8n process's memory for later executions
 * of the same environment, so that a group lookup does not list every group each time. Losing it
 * costs one listing. Never kept in workflow static data: n8n saves that last-writer-wins.
 */
export interface GroupSnapshot {
	/** When the listing it grew from was read (epoch milliseconds). */
	listedAt: number;
	groups: PingOneGroup[];
}

const snapshots = new Map<string, GroupSnapshot>();
const MAX_ENVIRONMENTS = 100;

/** The environment's snapshot, when one is younger than `maxAgeMs`. */
export function readGroupSnapshot(account: string, maxAgeMs: number, now: number): GroupSnapshot | undefined {
	const snapshot = maxAgeMs > 0 ? snapshots.get(account) : undefined;
	if (!snapshot || now < snapshot.listedAt || now - snapshot.listedAt > maxAgeMs) return undefined;
	return { listedAt: snapshot.listedAt, groups: snapshot.groups.map((group) => ({ ...group })) };
}

export function writeGroupSnapshot(account: string, snapshot: GroupSnapshot): void {
	snapshots.delete(account);
	snapshots.set(account, { listedAt: snapshot.listedAt, groups: snapshot.groups.map((group) => ({ ...group })) });
	if (snapshots.size > MAX_ENVIRONMENTS) snapshots.delete(snapshots.keys().next().value as string);
}
