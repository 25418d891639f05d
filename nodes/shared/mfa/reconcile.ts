import type { DirectoryUser, UserEvent } from '../model';
import { markersIn } from './anchors';
import { foundUserIntent, type Intent } from './intents';
import type { MfaGroup, MfaUser } from './port';
import type { ActionResult } from './results';

/**
 * Reconcile: the sync core applied to a whole directory. Every user of one tenant's directory becomes
 * the intent a `user.updated` event with that user's current state would be, and the MFA users that
 * carry this tenant's anchor but are no longer in the directory are orphans.
 */

export type OrphanPolicy = 'leave' | 'disable' | 'delete';

/** The `user.updated` event a directory user stands for: the IdP's state, read at `observedAt`. */
export function directoryEvent(entry: DirectoryUser): UserEvent {
	const id = `reconcile:${entry.tenant}/${entry.user.id}`;
	return {
		schemaVersion: 1,
		id,
		type: 'user.updated',
		occurredAt: entry.observedAt,
		source: { idp: entry.idp, tenant: entry.tenant, eventType: 'directory', eventIds: [id] },
		user: entry.user,
		enrichment: { status: 'enriched', observedAt: entry.observedAt },
	};
}

/** The prefix of this tenant's user anchors and group markers. */
export function tenantPrefix(idp: string, tenant: string): string {
	return `idp:${idp}:${tenant.trim().toLowerCase()}/`;
}

/**
 * The groups Reconcile may remove users from: those an IdP group of the directory maps to, and those
 * this tenant created or claimed (their marker). Any other group (Admins, say) is never touched.
 */
export function managedGroups(
	directory: DirectoryUser[],
	groupName: (idpName: string) => { name: string } | { skipped: string },
	prefix: string,
): (group: MfaGroup) => boolean {
	const names = new Set<string>();
	for (const entry of directory) {
		for (const group of entry.user.groups ?? []) {
			if (group.name === undefined) continue;
			const mapped = groupName(group.name);
			if ('name' in mapped) names.add(mapped.name.toLowerCase());
		}
	}
	return (group) =>
		names.has(group.name.toLowerCase()) ||
		markersIn(group.description).some((marker) => marker.toLowerCase().startsWith(prefix));
}

/** The MFA users that carry this tenant's anchor for an IdP user the directory does not have. */
export function orphansOf(mfaUsers: MfaUser[], directory: DirectoryUser[], prefix: string): MfaUser[] {
	const present = new Set(directory.map((entry) => entry.user.id));
	return mfaUsers.filter((user) => {
		const anchored = user.aliases.filter((alias) => alias.toLowerCase().startsWith(prefix));
		return anchored.length > 0 && anchored.every((alias) => !present.has(alias.slice(prefix.length)));
	});
}

/** What an orphan becomes under the policy, as an intent on the user already found. */
export function orphanIntent(user: MfaUser, policy: OrphanPolicy): Intent {
	if (policy === 'leave') {
		return { kind: 'skip', action: 'unchanged', reason: 'orphan: not in the directory; the policy leaves it' };
	}
	return foundUserIntent(user, {
		remove: policy,
		note: 'orphan: it carries this tenant’s anchor and is not in the directory',
	});
}

export interface RemovalThreshold {
	/** The most users a run may disable or delete. */
	count: number;
	/**
	 * The largest share, in percent, of this tenant's users a run may disable or delete, for tenants
	 * of at least PERCENT_FROM users (in a smaller one a single removal is a large share).
	 */
	percent: number;
}

export const PERCENT_FROM = 100;

export interface ReconcileSummary {
	users: number;
	orphans: number;
	excluded: number;
	/** How many items each action takes. */
	actions: Record<string, number>;
	/** How many existing users each field changes for (created users are counted in `actions` only). */
	drift: Record<string, number>;
	removals: number;
	/** Why nothing was written: the removals are above the threshold. */
	blocked?: string;
}

const REMOVING = new Set(['disabled', 'deleted']);

/** Counts actions and drift, and decides whether the removals stay within the threshold. */
export function summarize(
	results: ActionResult[],
	counts: { users: number; orphans: number; excluded: number; tenantUsers: number },
	threshold: RemovalThreshold,
	allowLargeRemovals: boolean,
): ReconcileSummary {
	const actions: Record<string, number> = {};
	const drift: Record<string, number> = {};
	let removals = 0;
	for (const result of results) {
		actions[result.action] = (actions[result.action] ?? 0) + 1;
		if (REMOVING.has(result.action)) removals += 1;
		if (result.action === 'created') continue;
		for (const field of Object.keys(result.changes ?? {})) {
			const key = field.startsWith('group:') ? 'groups' : field;
			drift[key] = (drift[key] ?? 0) + 1;
		}
	}
	const summary: ReconcileSummary = {
		users: counts.users,
		orphans: counts.orphans,
		excluded: counts.excluded,
		actions,
		drift,
		removals,
	};
	const percent = counts.tenantUsers > 0 ? (removals * 100) / counts.tenantUsers : 0;
	const share = counts.tenantUsers >= PERCENT_FROM && percent > threshold.percent;
	if (!allowLargeRemovals && removals > 0 && (removals > threshold.count || share)) {
		summary.blocked = `the plan disables or deletes ${removals} users (${percent.toFixed(1)}% of ${counts.tenantUsers}), above the threshold of ${threshold.count} users or ${threshold.percent}%; nothing was written. Check the directory input, then raise the threshold or turn on "Allow Removals Above Threshold" to apply it`;
	}
	return summary;
}
