import { recordOf } from '../../../shared/security/ownKeys';
import type { EntraResourceKind } from './entra.eventMap';

export interface GraphSubscriptionRecord {
	id: string;
	kind: EntraResourceKind;
	expiresAt: string;
}

/**
 * What the trigger remembers about the directory to classify `updated` notifications: which users
 * it has seen disabled, the last known group names, and which objects it recently announced as
 * created. Bounded so that static data stays small. In memory these are Sets and Maps keyed by
 * directory ids (any id is a plain key); static data holds them as JSON objects, converted by
 * {@link loadDirectoryMemory} and {@link saveDirectoryMemory}.
 */
export interface EntraDirectoryMemory {
	disabledUsers: Set<string>;
	groupNames: Map<string, string>;
	announced: Map<string, number>;
	/** Whether anything changed since it was loaded, so that an unchanged memory is not written back. */
	changed: boolean;
}

/** The directory memory as stored in static data. */
export interface StoredDirectoryMemory {
	disabledUsers: Record<string, 1>;
	groupNames: Record<string, string>;
	announced: Record<string, number>;
}

/**
 * The trigger's static data for Microsoft Entra ID. No secret: the clientState of automatically
 * created subscriptions is derived from the credential whenever it is needed.
 */
export interface EntraState {
	/** Stored by versions before the clientState was derived; accepted until the next registration. */
	graphClientState?: string;
	/** The notification (and lifecycle) URL the subscriptions were created with. */
	graphNotificationUrl?: string;
	graphSubscriptions?: GraphSubscriptionRecord[];
	graphDirectory?: StoredDirectoryMemory;
}

export const MAX_REMEMBERED_OBJECTS = 20_000;

/** An object whose `createdDateTime` is this recent is reported as created. */
export const CREATED_WINDOW_MS = 15 * 60_000;

function entriesOf(value: unknown): Array<[string, unknown]> {
	return value !== null && typeof value === 'object' && !Array.isArray(value)
		? Object.entries(value)
		: [];
}

export function emptyDirectoryMemory(): EntraDirectoryMemory {
	return { disabledUsers: new Set(), groupNames: new Map(), announced: new Map(), changed: false };
}

/** The stored memory (empty when missing or corrupt); static data is left as it is. */
export function loadDirectoryMemory(state: EntraState): EntraDirectoryMemory {
	const stored = state.graphDirectory;
	const memory = emptyDirectoryMemory();
	for (const [id, flag] of entriesOf(stored?.disabledUsers)) {
		if (flag === 1) memory.disabledUsers.add(id);
	}
	for (const [id, name] of entriesOf(stored?.groupNames)) {
		if (typeof name === 'string') memory.groupNames.set(id, name);
	}
	for (const [id, at] of entriesOf(stored?.announced)) {
		if (typeof at === 'number') memory.announced.set(id, at);
	}
	return memory;
}

/** Writes the memory to static data when it changed (or when `always`). */
export function saveDirectoryMemory(
	state: EntraState,
	memory: EntraDirectoryMemory,
	always = false,
): void {
	if (!memory.changed && !always) return;
	state.graphDirectory = {
		disabledUsers: recordOf([...memory.disabledUsers].map((id) => [id, 1 as const])),
		groupNames: recordOf(memory.groupNames),
		announced: recordOf(memory.announced),
	};
	memory.changed = false;
}

function withinBound(collection: { has(id: string): boolean; size: number }, id: string): boolean {
	return collection.has(id) || collection.size < MAX_REMEMBERED_OBJECTS;
}

export function rememberDisabled(
	memory: EntraDirectoryMemory,
	id: string,
	disabled: boolean,
): void {
	if (!disabled) {
		if (memory.disabledUsers.delete(id)) memory.changed = true;
	} else if (!memory.disabledUsers.has(id) && withinBound(memory.disabledUsers, id)) {
		memory.disabledUsers.add(id);
		memory.changed = true;
	}
}

export function rememberGroupName(
	memory: EntraDirectoryMemory,
	id: string,
	name: string | undefined,
): void {
	if (name === undefined) {
		if (memory.groupNames.delete(id)) memory.changed = true;
	} else if (memory.groupNames.get(id) !== name && withinBound(memory.groupNames, id)) {
		memory.groupNames.set(id, name);
		memory.changed = true;
	}
}

/** Records that `id` was reported as created, forgetting announcements older than the window. */
export function announce(memory: EntraDirectoryMemory, id: string, now: number): void {
	for (const [known, at] of memory.announced) {
		if (now - at > CREATED_WINDOW_MS) memory.announced.delete(known);
	}
	memory.announced.set(id, now);
	memory.changed = true;
}

export function wasAnnounced(memory: EntraDirectoryMemory, id: string, now: number): boolean {
	const at = memory.announced.get(id);
	return at !== undefined && now - at <= CREATED_WINDOW_MS;
}

export function isRecentlyCreated(createdDateTime: unknown, now: number): boolean {
	const created = typeof createdDateTime === 'string' ? Date.parse(createdDateTime) : Number.NaN;
	return Number.isFinite(created) && now - created <= CREATED_WINDOW_MS;
}
