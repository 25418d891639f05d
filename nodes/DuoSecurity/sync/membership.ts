import type { IDataObject } from 'n8n-workflow';

import type { DuoDirectory, GroupQuery } from '../client/DuoDirectory';
import type { DuoGroup, DuoUser } from '../client/duoObjects';
import type { ActionResult } from './actionResult';
import type { GroupAllowlist } from './allowlist';

const isMember = (user: DuoUser, group: DuoGroup) =>
	(user.groups ?? []).some((g) => g.group_id === group.group_id);

export interface JoinRequest {
	find: GroupQuery;
	/** The group to create when none is found; without it a missing group is left out. */
	create?: { name: string; desc?: string };
}

export interface JoinOutcome {
	/** The group the user is now in; undefined when the group does not exist and was not created. */
	group?: DuoGroup;
	added: boolean;
	created: boolean;
}

/**
 * Puts the user in the group `find` names, creating the group when allowed. A group remembered
 * from an earlier execution but gone from Duo is looked up again (DuoDirectory.addToGroup), and
 * then created when allowed.
 */
export async function joinGroup(
	directory: DuoDirectory,
	user: DuoUser,
	request: JoinRequest,
): Promise<JoinOutcome> {
	let created = false;
	let group = await directory.findGroup(request.find);
	if (!group && request.create) {
		group = await directory.createGroup(request.create);
		created = true;
	}
	if (!group) return { added: false, created };
	if (isMember(user, group)) return { group, added: false, created };
	const joined = await directory.addToGroup(user, group);
	if (joined) return { group: joined, added: true, created };
	if (!request.create) return { added: false, created };
	const recreated = await directory.createGroup(request.create);
	const added = await directory.addToGroup(user, recreated);
	return { group: added, added: added !== undefined, created: true };
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
	/** Names a mapping profile left out, with the reason; reported with the allowlist's `ignored`. */
	excluded?: Array<{ name: string; reason: string }>;
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
			const outcome = await joinGroup(directory, user, {
				find: { name },
				create: request.createMissing ? { name } : undefined,
			});
			if (outcome.created && outcome.group) createdGroups.push(outcome.group.name);
			if (!outcome.group) missingGroups.push(name);
			else if (outcome.added) added.push(outcome.group.name);
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
	const changes: IDataObject = { added, removed, createdGroups, missingGroups, ignored };
	if (request.excluded) changes.excluded = request.excluded;
	return { action: changed ? 'updated' : 'unchanged', duoUserId: user.user_id, changes };
}
