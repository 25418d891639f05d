import { NodeOperationError } from 'n8n-workflow';

import type { DuoDirectory, UserRef } from '../client/DuoDirectory';
import type { DuoUser } from '../client/duoObjects';
import type { ActionResult, ItemScope } from './actionResult';
import { createParams, profileDiff, type DesiredProfile } from './userProfile';

export interface SyncUserOptions {
	/** Status for a user this sync creates; existing users keep theirs unless `desired.status` is set. */
	createStatus?: string;
}

/** The lookup for a desired profile: the IdP id alias first, then the username. */
export function userRefOf(desired: DesiredProfile): UserRef {
	return { alias: desired.alias?.value, username: desired.username };
}

async function assertUsernameFree(
	directory: DuoDirectory,
	scope: ItemScope,
	user: DuoUser,
	username: string,
): Promise<void> {
	const owner = await directory.findUser({ username });
	if (owner && owner.user_id !== user.user_id) {
		throw new NodeOperationError(
			scope.node,
			`Duo user ${user.username} cannot be renamed to ${username}: another Duo user (${owner.user_id}) has that username or alias`,
			{
				itemIndex: scope.itemIndex,
				description: 'Merge or delete one of the two Duo users, then run the item again',
			},
		);
	}
}

/**
 * Creates the Duo user, or updates the one found by alias or username so it matches the desired
 * profile. A login rename in the IdP is found through the alias and renames the same Duo user.
 * Nothing is written when nothing differs.
 */
export async function syncUser(
	directory: DuoDirectory,
	scope: ItemScope,
	desired: DesiredProfile,
	options: SyncUserOptions = {},
): Promise<ActionResult> {
	const user = await directory.findUser(userRefOf(desired));
	if (!user) {
		if (!desired.username) {
			return { action: 'skipped', reason: 'no username to create the user with' };
		}
		const params = createParams({
			...desired,
			username: desired.username,
			status: desired.status ?? options.createStatus,
		});
		const created = await directory.createUser(params);
		return { action: 'created', duoUserId: created.user_id, changes: params };
	}
	const { changes, before, diff } = profileDiff(user, desired);
	if (Object.keys(changes).length === 0) return { action: 'unchanged', duoUserId: user.user_id };
	if (changes.username) await assertUsernameFree(directory, scope, user, changes.username);
	const updated = await directory.updateUser(user, changes, before);
	return { action: 'updated', duoUserId: updated.user_id, changes: diff };
}
