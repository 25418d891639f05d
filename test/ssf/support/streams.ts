import type { FakeTransmitter } from '../../../sandbox/ssf/server';

/** Creates a push stream at the fake transmitter by hand, as an admin would for manual registration. */
export async function createStreamAt(
	transmitter: FakeTransmitter,
	delivery: { endpoint_url: string; authorization_header?: string },
	eventsRequested: string[],
): Promise<{ status: number; body: Record<string, any> }> {
	const response = await fetch(`${transmitter.url}/ssf/stream`, {
		method: 'POST',
		headers: { authorization: `Bearer ${transmitter.apiToken}`, 'content-type': 'application/json' },
		body: JSON.stringify({ delivery: { method: 'urn:ietf:rfc:8935', ...delivery }, events_requested: eventsRequested }),
	});
	return { status: response.status, body: (await response.json()) as Record<string, any> };
}
