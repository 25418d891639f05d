/**
 * For providers that cannot keep the IdP user id on the user (no anchor field, e.g. RSA SecurID):
 * the username each IdP user was last matched to, in this process's memory. It finds the user when
 * an event no longer carries the username, as a deletion that reports only the IdP user id. Other
 * processes (queue mode) and restarts start empty; the event is then skipped as "user not found".
 */
const memory = new Map<string, string>();
const LIMIT = 50_000;

const key = (account: string, anchor: string) => `${account}\u0000${anchor.toLowerCase()}`;

export function rememberUsername(account: string, anchor: string, username: string): void {
	const entry = key(account, anchor);
	memory.delete(entry);
	memory.set(entry, username);
	if (memory.size > LIMIT) memory.delete(memory.keys().next().value as string);
}

export function rememberedUsername(account: string, anchor: string): string | undefined {
	return memory.get(key(account, anchor));
}
