import type { EntraResourceKind } from './entra.eventMap';

export interface GraphSubscriptionRecord {
	id: string;
	kind: EntraResourceKind;
	expiresAt: string;
}

/**
 * What the trigger remembers about the directory to classify `updated` notifications: which users
 * it has seen disabled, the last known group names, and which objects it recently announced as
 * created. Bounded so that static data stays small.
 */
export interface EntraDirectoryMemory {
	disabledUsers: Record<string, 1>;
	groupNames: Record<string, string>;
	announced: Record<string, number>;
}

/** The trigger's static data for Microsoft Entra ID. */
export interface EntraState {
	graphClientState?: string;
	/** The notification (and lifecycle) URL the subscriptions were created with. */
	graphNotificationUrl?: string;
	graphSubscriptions?: GraphSubscriptionRecord[];
	graphDirectory?: EntraDirectoryMemory;
}

export const MAX_REMEMBERED_OBJECTS = 20_000;

/** An object whose `createdDateTime` is this recent is reported as created. */
export const CREATED_WINDOW_MS = 15 * 60_000;

export function directoryMemory(state: EntraState): EntraDirectoryMemory {
	const memory = state.graphDirectory;
	if (memory?.disabledUsers && memory.groupNames && memory.announced) return memory;
	const fresh: EntraDirectoryMemory = { disabledUsers: {}, groupNames: {}, announced: {} };
	state.graphDirectory = fresh;
	return fresh;
}

function withinBound(record: Record<string, unknown>, id: string): boolean {
	return id in record || Object.keys(record).length < MAX_REMEMBERED_OBJECTS;
}

export function rememberDisabled(
	memory: EntraDirectoryMemory,
	id: string,
	disabled: boolean,
): void {
	if (!disabled) delete memory.disabledUsers[id];
	else if (withinBound(memory.disabledUsers, id)) memory.disabledUsers[id] = 1;
}

export function rememberGroupName(
	memory: EntraDirectoryMemory,
	id: string,
	name: string | undefined,
): void {
	if (name === undefined) delete memory.groupNames[id];
	else if (withinBound(memory.groupNames, id)) memory.groupNames[id] = name;
}

/** Records that `id` was reported as created, forgetting announcements older than the window. */
export function announce(memory: EntraDirectoryMemory, id: string, now: number): void {
	for (const [known, at] of Object.entries(memory.announced)) {
		if (now - at > CREATED_WINDOW_MS) delete memory.announced[known];
	}
	memory.announced[id] = now;
}

export function wasAnnounced(memory: EntraDirectoryMemory, id: string, now: number): boolean {
	const at = memory.announced[id];
	return at !== undefined && now - at <= CREATED_WINDOW_MS;
}

export function isRecentlyCreated(createdDateTime: unknown, now: number): boolean {
	const created = typeof createdDateTime === 'string' ? Date.parse(createdDateTime) : Number.NaN;
	return Number.isFinite(created) && now - created <= CREATED_WINDOW_MS;
}
