/**
 * A bounded window of recently emitted event ids, kept in the workflow's static data so that it
 * survives restarts. Ids are recorded only when their execution is started: a delivery that
 * failed before that is processed in full when the IdP retries it.
 */
export interface SeenEventWindow {
	/** id → epoch milliseconds when first emitted */
	ids: Record<string, number>;
}

export const DEFAULT_DEDUPE_WINDOW_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_DEDUPE_MAX_IDS = 5000;

export function readWindow(staticData: Record<string, unknown>): SeenEventWindow {
	const value = staticData.seenEvents as SeenEventWindow | undefined;
	if (value && typeof value === 'object' && value.ids && typeof value.ids === 'object') return value;
	const fresh: SeenEventWindow = { ids: {} };
	staticData.seenEvents = fresh;
	return fresh;
}

/** Splits ids into those not seen within the window and those that are duplicates. */
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
			const at = window.ids[id];
			return at !== undefined && now - at < windowMs;
		});
		(seen ? duplicates : fresh).push(item);
	}
	return { fresh, duplicates };
}

export function recordSeen(
	window: SeenEventWindow,
	ids: string[],
	now: number,
	windowMs = DEFAULT_DEDUPE_WINDOW_MS,
	maxIds = DEFAULT_DEDUPE_MAX_IDS,
): void {
	for (const id of ids) window.ids[id] = now;
	const entries = Object.entries(window.ids).filter(([, at]) => now - at < windowMs);
	entries.sort((a, b) => a[1] - b[1]);
	const kept = entries.slice(Math.max(0, entries.length - maxIds));
	window.ids = Object.fromEntries(kept);
}
