import { NodeApiError } from 'n8n-workflow';

import { mapWithConcurrency } from '../../shared/http/concurrency';
import type { IdentityEvent, IdentityUser } from '../../shared/model';

export interface Fetched<T> {
	value?: T;
	status: 'enriched' | 'not_found' | 'failed';
	message?: string;
	/** When the request was sent: the state read is at least this recent. */
	observedAt?: string;
}

function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '404';
}

/**
 * Runs `fetch` once for each id, `concurrency` at a time. A 404 is recorded as `not_found` and any
 * other failure as `failed`, never thrown.
 */
export async function fetchEachOnce<T>(
	ids: string[],
	concurrency: number,
	fetch: (id: string) => Promise<T>,
): Promise<Map<string, Fetched<T>>> {
	const fetched = new Map<string, Fetched<T>>();
	await mapWithConcurrency(ids, concurrency, async (id) => {
		const observedAt = new Date().toISOString();
		try {
			fetched.set(id, { value: await fetch(id), status: 'enriched', observedAt });
		} catch (error) {
			if (isNotFound(error)) fetched.set(id, { status: 'not_found', observedAt });
			else fetched.set(id, { status: 'failed', message: (error as Error).message });
		}
	});
	return fetched;
}

/** The fetched profile over the event's user; attributes are merged key by key. */
export function mergeUser(user: IdentityUser, fetched: IdentityUser): IdentityUser {
	return { ...user, ...fetched, attributes: { ...user.attributes, ...fetched.attributes } };
}

export function enrichmentOf(result: Fetched<unknown>): NonNullable<IdentityEvent['enrichment']> {
	return {
		status: result.status,
		...(result.message ? { message: result.message } : {}),
		...(result.observedAt && result.status !== 'failed' ? { observedAt: result.observedAt } : {}),
	};
}

/**
 * For events that carry little more than user ids: fetches each distinct user once and merges the
 * profile into every event about them. Failures are recorded on the event, never thrown: the
 * delivery has already been acknowledged.
 */
export async function enrichUserEvents(
	events: IdentityEvent[],
	concurrency: number,
	fetchUser: (userId: string) => Promise<IdentityUser>,
): Promise<void> {
	const userIds = [...new Set(events.flatMap((event) => ('user' in event ? [event.user.id] : [])))];
	const fetched = await fetchEachOnce(userIds, concurrency, fetchUser);
	for (const event of events) {
		if (!('user' in event)) continue;
		const result = fetched.get(event.user.id);
		if (!result) continue;
		if (result.value) event.user = mergeUser(event.user, result.value);
		event.enrichment = enrichmentOf(result);
	}
}

/**
 * Events whose group arrived with an id only (Auth0 role assignments, Graph `members@delta`): look each
 * such group up once and fill in its name, which MFA providers match on. Failures leave the name out.
 */
export async function nameGroups(
	events: IdentityEvent[],
	concurrency: number,
	fetchName: (groupId: string) => Promise<string | undefined>,
): Promise<void> {
	const unnamed = events.filter((event) => 'group' in event && !event.group.name);
	const ids = [...new Set(unnamed.map((event) => ('group' in event ? event.group.id : '')))];
	const fetched = await fetchEachOnce(ids, concurrency, fetchName);
	for (const event of unnamed) {
		if (!('group' in event)) continue;
		const name = fetched.get(event.group.id)?.value;
		if (name) event.group = { ...event.group, name };
	}
}
