/**
 * What the trigger keeps in the workflow's static data for a stream it created: the stream's id,
 * the audience the transmitter gave it, and the events requested. No secret: the stream's
 * `authorization_header` is derived from the credential whenever it is needed.
 */
export interface SsfStreamState {
	ssfStreamId?: string;
	ssfAudience?: string[];
	ssfEventsRequested?: string[];
}

export function forgetStream(state: SsfStreamState): void {
	delete state.ssfStreamId;
	delete state.ssfAudience;
	delete state.ssfEventsRequested;
}

/**
 * Streams this process registered, by webhook identity. A verification event can arrive while n8n
 * still activates the workflow, before the static data holding the stream's audience is saved.
 */
const registeredHere = new Map<string, string[]>();

export function rememberAudience(identity: string, audience: string[]): void {
	registeredHere.set(identity, audience);
}

export function forgetAudience(identity: string): void {
	registeredHere.delete(identity);
}

/** The audience of the stream this trigger registered, as this process or the static data knows it. */
export function registeredAudience(identity: string, state: SsfStreamState): string[] {
	const stored = Array.isArray(state.ssfAudience) ? state.ssfAudience.filter((aud) => typeof aud === 'string') : [];
	return [...new Set([...(registeredHere.get(identity) ?? []), ...stored])];
}
