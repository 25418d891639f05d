import { recordOf } from '../../shared/security/ownKeys';

/**
 * A bounded window of recently emitted event ids, kept in the workflow's static data so that it
 * survives restarts. Ids are recorded only when their execution is started: a delivery that
 * failed before that is processed in full when the IdP retries it.
 *
 * In memory the window is a Map, so any id is a plain key (`__proto__` and `constructor` too); in
 * static data it is `{seenEvents: {ids: {<id>: <epoch ms>}}}`, converted at this boundary. Reading
 * never writes: only {@link recordSeen} changes static data.
 */
export interface SeenEventWindow {
	/** id → epoch milliseconds when first emitted */
	ids: Map<string, number>;
}

export const DEFAULT_DEDUPE_WINDOW_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_DEDUPE_MAX_IDS = 5000;

const STATIC_DATA_KEY = 'seenEvents';

function isObject(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The stored window; a missing or corrupt one reads as empty. Static data is left as it is. */
export function readWindow(staticData: Record<string, unknown>): SeenEventWindow {
	const stored = staticData[STATIC_DATA_KEY];
	const ids = new Map<string, number>();
	if (isObject(stored) && isObject(stored.ids)) {
		for (const [id, at] of Object.entries(stored.ids)) {
			if (typeof at === 'number' && Number.isFinite(at)) ids.set(id, at);
		}
	}
	return { ids };
}

/** Splits items into those with no id seen within the window and those that are duplicates. */
export function partitionSeen<T>(
	window: SeenEventWindow,
	items: T[],
	idsOf: (item: T) => string[],
	now: number,
	windowMs = DEFAULT_DEDUPE_WINDOW_MS,
): { fresh: T[]; duplicates: T[] } {
	const fresh: T[] = [];
	const duplicates: T[] = [];
	for (const item of items) {
		const seen = idsOf(item).some((id) => {
			const at = window.ids.get(id);
			return at !== undefined && now - at < windowMs;
		});
		(seen ? duplicates : fresh).push(item);
	}
	return { fresh, duplicates };
}

/**
 * Adds `ids` to the window, drops expired ones, keeps the newest `maxIds`, and stores the result in
 * static data: one write, and none at all when there is nothing to add.
 */
export function recordSeen(
	staticData: Record<string, unknown>,
	window: SeenEventWindow,
	ids: string[],
	now: number,
	windowMs = DEFAULT_DEDUPE_WINDOW_MS,
	maxIds = DEFAULT_DEDUPE_MAX_IDS,
): void {
	if (ids.length === 0) return;
	for (const id of ids) window.ids.set(id, now);
	const kept = [...window.ids]
		.filter(([, at]) => now - at < windowMs)
		.sort((a, b) => a[1] - b[1])
		.slice(-maxIds);
	window.ids = new Map(kept);
	staticData[STATIC_DATA_KEY] = { ids: recordOf(kept) };
}
