import type { IDataObject } from 'n8n-workflow';

import type { DuoUser, DuoUserField } from './duoObjects';

export type DuoUserChanges = Partial<Record<DuoUserField, string>>;

/** Recomputes `is_enrolled` after a device was removed from the cached user. */
export function refreshEnrolled(user: DuoUser): void {
	const devices =
		(user.phones?.length ?? 0) +
		(user.tokens?.length ?? 0) +
		(user.webauthncredentials?.length ?? 0) +
		(user.u2ftokens?.length ?? 0);
	user.is_enrolled = devices > 0;
}

/** The user as Duo will hold it after `changes`, for when no response carries it. */
export function applyUserChanges(user: DuoUser, changes: DuoUserChanges): DuoUser {
	const next: DuoUser = { ...user, ...changes } as DuoUser;
	next.aliases = { ...(user.aliases ?? {}) };
	for (const [slot, value] of Object.entries(changes)) {
		if (!slot.startsWith('alias')) continue;
		if (value) next.aliases[slot] = value;
		else {
			delete next.aliases[slot];
			(next as unknown as IDataObject)[slot] = null;
		}
	}
	return next;
}
