/**
 * Per-process coordination on one MFA object. Two executions of this n8n process that apply changes
 * to the same user or group at once take turns, and one that read the object before another
 * execution wrote it reads it again first. Processes of queue mode share none of this; there the
 * writes stay idempotent and "already exists" and "not found" answers are read as progress.
 */
const tails = new Map<string, Promise<void>>();

let clock = 0;
const lastWrite = new Map<string, { at: number; by: object }>();
const readSince = new WeakMap<object, { at: number; refreshed: Map<string, number> }>();
const LIMIT = 50_000;

/** Runs `work` holding the lock on `key`. */
export async function withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
	const before = tails.get(key);
	let release: () => void = () => undefined;
	const mine = new Promise<void>((resolve) => {
		release = resolve;
	});
	const tail = (before ?? Promise.resolve()).then(() => mine);
	tails.set(key, tail);
	if (before) await before;
	try {
		return await work();
	} finally {
		release();
		if (tails.get(key) === tail) tails.delete(key);
	}
}

/** Marks when an execution's reader (its MFA directory) started reading; later writes by others make it stale. */
export function startReading(reader: object): void {
	if (!readSince.has(reader)) readSince.set(reader, { at: clock, refreshed: new Map() });
}

/** Whether another execution wrote the object after this reader read it. */
export function readBeforeOthersWrote(reader: object, key: string): boolean {
	const write = lastWrite.get(key);
	if (!write || write.by === reader) return false;
	const read = readSince.get(reader);
	return write.at > Math.max(read?.at ?? 0, read?.refreshed.get(key) ?? 0);
}

export function readAgain(reader: object, key: string): void {
	readSince.get(reader)?.refreshed.set(key, clock);
}

export function wrote(reader: object, key: string): void {
	lastWrite.delete(key);
	lastWrite.set(key, { at: ++clock, by: reader });
	if (lastWrite.size > LIMIT) lastWrite.delete(lastWrite.keys().next().value as string);
}
