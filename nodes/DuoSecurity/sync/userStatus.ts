import type { DuoDirectory } from '../client/DuoDirectory';
import type { DuoUser } from '../client/duoObjects';
import type { ActionResult } from './actionResult';

/** Sets `status=disabled` unless the user already is disabled. */
export async function disableUser(directory: DuoDirectory, user: DuoUser): Promise<ActionResult> {
	if (user.status === 'disabled') {
		return { action: 'unchanged', reason: 'already disabled', duoUserId: user.user_id };
	}
	await directory.updateUser(user, { status: 'disabled' }, { status: user.status });
	return {
		action: 'disabled',
		duoUserId: user.user_id,
		changes: { status: { from: user.status, to: 'disabled' } },
	};
}

/**
 * Sets `status=active` on a disabled user. Bypass and locked-out users are left as they are:
 * enabling restores sign-in, it does not lift a lockout or end a bypass.
 */
export async function enableUser(directory: DuoDirectory, user: DuoUser): Promise<ActionResult> {
	if (user.status !== 'disabled') {
		return { action: 'unchanged', reason: `status is ${user.status}`, duoUserId: user.user_id };
	}
	await directory.updateUser(user, { status: 'active' }, { status: user.status });
	return {
		action: 'enabled',
		duoUserId: user.user_id,
		changes: { status: { from: 'disabled', to: 'active' } },
	};
}

export async function deleteUser(directory: DuoDirectory, user: DuoUser): Promise<ActionResult> {
	await directory.deleteUser(user);
	return { action: 'deleted', duoUserId: user.user_id, changes: { username: user.username } };
}
