import type { Replayed } from './resilientRequest';

/** The result of a create: the object, and whether a retried request found it already made. */
export interface Created<T> {
	value: T;
	replayed?: Replayed;
}

/** The result of a delete or a removal: `found` is false when the object was already gone. */
export interface Removed {
	found: boolean;
	replayed?: Replayed;
}

/** A delete's answer as a Removed: no answer means 404 on the first attempt. */
export function removedOutcome(result: { replayed?: Replayed } | undefined): Removed {
	if (!result) return { found: false };
	return result.replayed ? { found: true, replayed: result.replayed } : { found: true };
}
