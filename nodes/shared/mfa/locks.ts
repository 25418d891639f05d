/**
 * Per-process locks on one MFA object: two executions of this n8n process that apply changes to the
 * same user or group at once take turns, and the second observes what the first wrote. Processes of
 * queue mode do not share them; there the writes stay idempotent and "already exists" and "not
 * found" answers are read as progress.
 */
const tails = new Map<string, Promise<void>>();

/** Runs `work` holding the lock on `key`; `waited` says whether another holder went first. */
export async function withLock<T>(key: string, work: (waited: boolean) => Promise<T>): Promise<T> {
	const before = tails.get(key);
	let release: () => void = () => undefined;
	const mine = new Promise<void>((resolve) => {
		release = resolve;
	});
	const tail = (before ?? Promise.resolve()).then(() => mine);
	tails.set(key, tail);
	if (before) await before;
	try {
		return await work(before !== undefined);
	} finally {
		release();
		if (tails.get(key) === tail) tails.delete(key);
	}
}
