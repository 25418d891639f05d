import type { DuoDirectory } from '../client/DuoDirectory';
import type { DuoGroup, DuoUser } from '../client/duoObjects';
import type { ActionResult } from './actionResult';
import type { GroupAllowlist } from './allowlist';

const isMember = (user: DuoUser, group: DuoGroup) =>
	(user.groups ?? []).some((g) => g.group_id === group.group_id);

export async function addMembership(
	directory: DuoDirectory,
	user: DuoUser,
	group: DuoGroup,
): Promise<ActionResult> {
	const ids = { duoUserId: user.user_id, duoGroupId: group.group_id };
	if (isMember(user, group)) return { action: 'unchanged', reason: 'already a member', ...ids };
	await directory.addToGroup(user, group);
	return { action: 'group_added', ...ids, changes: { group: group.name } };
}

export async function removeMembership(
	directory: DuoDirectory,
	user: DuoUser,
	group: DuoGroup,
): Promise<ActionResult> {
	const ids = { duoUserId: user.user_id, duoGroupId: group.group_id };
	if (!isMember(user, group)) return { action: 'unchanged', reason: 'not a member', ...ids };
	await directory.removeFromGroup(user, group);
	return { action: 'group_removed', ...ids, changes: { group: group.name } };
}

export type GroupSyncMode = 'set' | 'add' | 'remove';

export interface GroupSyncRequest {
	names: string[];
	mode: GroupSyncMode;
	createMissing: boolean;
	allowed: GroupAllowlist;
}

/**
 * Brings a user's Duo groups in line with a list of names. `set` makes the managed groups (those
 * the allowlist admits) exactly the list and leaves other groups alone; `add` and `remove` only
 * add or only remove.
 */
export async function syncUserGroups(
	directory: DuoDirectory,
	user: DuoUser,
	request: GroupSyncRequest,
): Promise<ActionResult> {
	const ignored = request.names.filter((name) => !request.allowed(name));
	const wanted = request.names.filter((name) => request.allowed(name));
	const wantedKeys = new Set(wanted.map((name) => name.toLowerCase()));
	const current = [...(user.groups ?? [])];
	const added: string[] = [];
	const removed: string[] = [];
	const createdGroups: string[] = [];
	const missingGroups: string[] = [];

	if (request.mode !== 'remove') {
		for (const name of wanted) {
			let group = await directory.findGroup({ name });
			if (!group) {
				if (!request.createMissing) {
					missingGroups.push(name);
					continue;
				}
				group = await directory.createGroup({ name });
				createdGroups.push(group.name);
			}
			if (!isMember(user, group)) {
				await directory.addToGroup(user, group);
				added.push(group.name);
			}
		}
	}
	if (request.mode !== 'add') {
		for (const group of current) {
			const listed = wantedKeys.has(group.name.toLowerCase());
			const drop = request.mode === 'remove' ? listed : !listed && request.allowed(group.name);
			if (drop) {
				await directory.removeFromGroup(user, group);
				removed.push(group.name);
			}
		}
	}
	const changed = added.length + removed.length > 0;
	return {
		action: changed ? 'updated' : 'unchanged',
		duoUserId: user.user_id,
		changes: { added, removed, createdGroups, missingGroups, ignored },
	};
}
