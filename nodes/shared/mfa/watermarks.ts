import type { IdentityEvent } from '../model';

/**
 * Watermarks: the as-of time of the newest IdP state applied to an MFA object, so that an older
 * event never undoes a newer one. The user's lifecycle watermark also travels in the MFA record
 * when the provider keeps one (see MfaCapabilities.watermark); every watermark is also kept in this
 * process's memory, which overlapping executions of one n8n process share. Workflow static data is
 * never used: n8n saves it last-writer-wins.
 */

export type WatermarkAspect = 'user' | 'reset' | 'group' | 'membership' | 'enrollmentEmail';

const LIMIT = 50_000;
const memory = new Map<string, number>();

function key(account: string, aspect: WatermarkAspect, subject: string): string {
	return `${account}\u0000${aspect}\u0000${subject.toLowerCase()}`;
}

export function timeOf(iso: string | undefined): number | undefined {
	if (iso === undefined) return undefined;
	const at = Date.parse(iso);
	return Number.isFinite(at) ? at : undefined;
}

/** What an event knows as of: when its IdP state was read, else when it happened. */
export function eventAsOf(event: IdentityEvent): string {
	const enrichment = event.enrichment;
	const observed =
		enrichment && (enrichment.status === 'enriched' || enrichment.status === 'not_found')
			? enrichment.observedAt
			: undefined;
	return observed ?? event.occurredAt;
}

export function rememberedAt(account: string, aspect: WatermarkAspect, subject: string): number | undefined {
	return memory.get(key(account, aspect, subject));
}

/** Keeps the newer of the remembered and the given time. */
export function remember(account: string, aspect: WatermarkAspect, subject: string, asOf: string): void {
	const at = timeOf(asOf);
	if (at === undefined) return;
	const entry = key(account, aspect, subject);
	const known = memory.get(entry);
	memory.delete(entry);
	memory.set(entry, known === undefined ? at : Math.max(known, at));
	if (memory.size > LIMIT) memory.delete(memory.keys().next().value as string);
}

/**
 * The newest watermark of the given ones, when `asOf` is older than it: the reason the state in
 * hand is stale. Undefined when `asOf` is as new as everything applied before.
 */
export function newerThan(asOf: string, ...watermarks: Array<number | string | undefined>): string | undefined {
	const at = timeOf(asOf);
	if (at === undefined) return undefined;
	let newest: number | undefined;
	for (const mark of watermarks) {
		const value = typeof mark === 'string' ? timeOf(mark) : mark;
		if (value !== undefined && (newest === undefined || value > newest)) newest = value;
	}
	return newest !== undefined && at < newest ? new Date(newest).toISOString() : undefined;
}
