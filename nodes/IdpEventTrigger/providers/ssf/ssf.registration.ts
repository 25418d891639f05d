import { NodeOperationError, type IDataObject, type IHookFunctions, type IWebhookFunctions } from 'n8n-workflow';

import type { IdentityEventType } from '../../../shared/model';
import { triggerLog } from '../../triggerLog';
import { webhookIdentity } from '../../webhookSecret';
import { issuerOf, ssfCredentials, ssfRequest } from './ssf.api';
import { ssfEventsRequestedFor } from './ssf.eventMap';
import {
	forgetAudience,
	forgetStream,
	rememberAudience,
	type SsfStreamState,
} from './ssf.state';
import { fetchTransmitterMetadata, forgetTransmitter, type TransmitterMetadata } from './ssf.transmitter';
import {
	awaitVerification,
	expectVerification,
	stopExpecting,
	verificationState,
	type VerificationOutcome,
} from './ssf.verification';
import { authorizationHeaderFor } from './ssf.verify';

/** RFC 8935 push, as SSF 1.0 §6.1.1 names it. */
export const PUSH_DELIVERY = 'urn:ietf:rfc:8935';

/** How long publishing waits for the verification event before it goes on without it. */
export const VERIFICATION_WAIT_MS = 10_000;

/** A stream configuration (SSF 1.0 §8.1.1) as far as the receiver reads it. */
export interface StreamConfiguration {
	stream_id: string;
	iss?: string;
	aud?: string | string[];
	delivery?: { method?: string; endpoint_url?: string };
	events_requested?: string[];
	events_delivered?: string[];
}

/** This trigger's webhook, as one key for what the process remembers about its stream. */
export function identityKey(ctx: IHookFunctions | IWebhookFunctions): string {
	return webhookIdentity(ctx).join('/');
}

function audienceList(aud: unknown): string[] {
	if (typeof aud === 'string') return aud === '' ? [] : [aud];
	return Array.isArray(aud) ? aud.filter((value): value is string => typeof value === 'string' && value !== '') : [];
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
	return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

function streamsOf(body: unknown): StreamConfiguration[] {
	const list = Array.isArray(body) ? body : body && typeof body === 'object' ? [body] : [];
	return list.filter((item): item is StreamConfiguration => typeof (item as StreamConfiguration)?.stream_id === 'string');
}

async function transmitter(ctx: IHookFunctions) {
	const issuer = issuerOf(await ssfCredentials(ctx));
	const metadata = await fetchTransmitterMetadata(ctx, issuer);
	if (!metadata.configuration_endpoint) {
		throw new NodeOperationError(ctx.getNode(), "The transmitter's configuration has no configuration_endpoint, so n8n cannot create its stream", {
			description: "Set Registration to Manual and create the stream at the transmitter as the node's notice says.",
		});
	}
	return { issuer, metadata, endpoint: metadata.configuration_endpoint };
}

async function readStream(ctx: IHookFunctions, endpoint: string, streamId: string): Promise<StreamConfiguration | undefined> {
	const response = await ssfRequest<unknown>(ctx, 'GET', endpoint, { qs: { stream_id: streamId }, tolerate: [404] });
	return response.statusCode === 404 ? undefined : streamsOf(response.body).find((stream) => stream.stream_id === streamId);
}

async function listStreams(ctx: IHookFunctions, endpoint: string): Promise<StreamConfiguration[]> {
	return streamsOf((await ssfRequest<unknown>(ctx, 'GET', endpoint)).body);
}

/** PATCH changes only the fields sent (SSF 1.0 §8.1.1.3); a 202 means accepted, so the stream is read again. */
async function updateStream(ctx: IHookFunctions, endpoint: string, streamId: string, body: IDataObject): Promise<StreamConfiguration> {
	const response = await ssfRequest<unknown>(ctx, 'PATCH', endpoint, { body: { stream_id: streamId, ...body } });
	const [updated] = streamsOf(response.body);
	if (response.statusCode !== 202 && updated) return updated;
	return (await readStream(ctx, endpoint, streamId)) ?? { stream_id: streamId };
}

/**
 * Creates the stream (201). A transmitter that allows one stream per receiver answers 409 (Okta
 * does); the receiver's existing stream is then pointed at this trigger instead.
 */
async function createStream(ctx: IHookFunctions, endpoint: string, body: IDataObject): Promise<StreamConfiguration> {
	const response = await ssfRequest<unknown>(ctx, 'POST', endpoint, { body, tolerate: [409] });
	if (response.statusCode !== 409) {
		const [created] = streamsOf(response.body);
		if (!created) throw new NodeOperationError(ctx.getNode(), 'The transmitter created a stream but returned no stream_id');
		return created;
	}
	const [existing] = await listStreams(ctx, endpoint);
	if (!existing) throw new NodeOperationError(ctx.getNode(), 'The transmitter refused a new stream (409) but lists none to update');
	triggerLog(ctx).warn(`the transmitter allows one stream per receiver: stream ${existing.stream_id} now delivers to this trigger`);
	return await updateStream(ctx, endpoint, existing.stream_id, body);
}

async function deleteStream(ctx: IHookFunctions, endpoint: string, streamId: string): Promise<void> {
	await ssfRequest(ctx, 'DELETE', endpoint, { qs: { stream_id: streamId }, tolerate: [404] });
}

async function ensureEnabled(ctx: IHookFunctions, metadata: TransmitterMetadata, streamId: string): Promise<void> {
	if (!metadata.status_endpoint) return;
	const { body } = await ssfRequest<{ status?: string }>(ctx, 'GET', metadata.status_endpoint, { qs: { stream_id: streamId } });
	if (body?.status === 'enabled') return;
	await ssfRequest(ctx, 'POST', metadata.status_endpoint, { body: { stream_id: streamId, status: 'enabled' } });
}

/**
 * Asks for a verification event (SSF 1.0 §8.1.4) and waits for it to reach this trigger. Delivery is
 * asynchronous, and with separate webhook processes it reaches another process, so a verification
 * that does not arrive in time is logged, not fatal; one that arrives and is refused is fatal.
 */
async function verify(ctx: IHookFunctions, metadata: TransmitterMetadata, streamId: string, secret: string): Promise<VerificationOutcome | undefined> {
	if (!metadata.verification_endpoint) return undefined;
	const identity = identityKey(ctx);
	const state = verificationState(secret);
	expectVerification(identity, state);
	let requested = false;
	try {
		const response = await ssfRequest(ctx, 'POST', metadata.verification_endpoint, { body: { stream_id: streamId, state }, tolerate: [429] });
		requested = response.statusCode !== 429;
	} finally {
		if (!requested) stopExpecting(identity);
	}
	return requested ? await awaitVerification(identity, VERIFICATION_WAIT_MS) : undefined;
}

/**
 * True when the transmitter still holds the stream this trigger created, pushing to this URL, for
 * exactly the events the node is set to, and enabled.
 */
export async function ssfStreamExists(
	ctx: IHookFunctions,
	state: SsfStreamState,
	webhookUrl: string,
	selected: readonly IdentityEventType[],
): Promise<boolean> {
	if (!state.ssfStreamId) return false;
	const { metadata, endpoint } = await transmitter(ctx);
	const stream = await readStream(ctx, endpoint, state.ssfStreamId);
	if (!stream) {
		forgetStream(state);
		return false;
	}
	rememberAudience(identityKey(ctx), audienceList(stream.aud ?? state.ssfAudience));
	const requested = stream.events_requested ?? state.ssfEventsRequested ?? [];
	if (stream.delivery?.method !== PUSH_DELIVERY || stream.delivery.endpoint_url !== webhookUrl) return false;
	if (!sameSet(requested, ssfEventsRequestedFor(selected))) return false;
	if (!metadata.status_endpoint) return true;
	const { body } = await ssfRequest<{ status?: string }>(ctx, 'GET', metadata.status_endpoint, { qs: { stream_id: stream.stream_id } });
	return body?.status === 'enabled';
}

/**
 * Creates (or updates) the push stream at the transmitter's configuration endpoint: this trigger's
 * URL, the derived secret as `authorization_header`, the event types behind the selected events.
 * Then checks the stream's issuer, remembers its audience and asks for a verification event.
 */
export async function createSsfStream(
	ctx: IHookFunctions,
	state: SsfStreamState,
	webhookUrl: string,
	selected: readonly IdentityEventType[],
	description: string,
	secret: string,
): Promise<void> {
	const events = ssfEventsRequestedFor(selected);
	if (events.length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'Shared Signals transmitters send no event behind the events selected in Trigger On', {
			description: 'Select at least one of User Suspended, User Reactivated, User Deleted, User Updated or User MFA Reset.',
		});
	}
	const { issuer, metadata, endpoint } = await transmitter(ctx);
	forgetTransmitter(issuer);
	if (metadata.delivery_methods_supported && !metadata.delivery_methods_supported.includes(PUSH_DELIVERY)) {
		throw new NodeOperationError(ctx.getNode(), `The transmitter does not deliver by push (${PUSH_DELIVERY})`, {
			description: `It supports ${metadata.delivery_methods_supported.join(', ')}; this trigger receives pushed SETs only.`,
		});
	}
	const body: IDataObject = {
		delivery: { method: PUSH_DELIVERY, endpoint_url: webhookUrl, authorization_header: authorizationHeaderFor(secret) },
		events_requested: events,
		description,
	};
	const known = state.ssfStreamId ? await readStream(ctx, endpoint, state.ssfStreamId) : undefined;
	const existing = known ?? (await listStreams(ctx, endpoint)).find((stream) => stream.delivery?.endpoint_url === webhookUrl);
	forgetStream(state);
	const stream = existing ? await updateStream(ctx, endpoint, existing.stream_id, body) : await createStream(ctx, endpoint, body);

	if (stream.iss !== undefined && stream.iss !== issuer) {
		await deleteStream(ctx, endpoint, stream.stream_id);
		throw new NodeOperationError(ctx.getNode(), `The transmitter's stream names the issuer ${JSON.stringify(stream.iss)}, not ${JSON.stringify(issuer)}; the stream was deleted again`);
	}
	const audience = audienceList(stream.aud);
	const delivered = stream.events_delivered;
	if (delivered && !events.some((uri) => delivered.includes(uri))) {
		triggerLog(ctx).warn('the transmitter delivers none of the requested event types on this stream', { requested: events, delivered });
	}
	state.ssfStreamId = stream.stream_id;
	state.ssfAudience = audience;
	state.ssfEventsRequested = events;
	rememberAudience(identityKey(ctx), audience);
	await ensureEnabled(ctx, metadata, stream.stream_id);

	const outcome = await verify(ctx, metadata, stream.stream_id, secret);
	if (outcome?.kind === 'refused') {
		await deleteStream(ctx, endpoint, stream.stream_id);
		forgetStream(state);
		throw new NodeOperationError(ctx.getNode(), `The trigger refused the transmitter's verification event: ${outcome.reason}`, {
			description: 'The stream was deleted again. Fix what the message names (often the Audience or Issuer of the credential) and publish again.',
		});
	}
	if (outcome?.kind === 'timeout') {
		triggerLog(ctx).warn(`the verification event of stream ${stream.stream_id} did not reach this n8n process within ${VERIFICATION_WAIT_MS / 1000} s; with separate webhook processes that is expected`);
	}
	if (outcome?.kind === 'confirmed') triggerLog(ctx).info(`stream ${stream.stream_id} verified: the transmitter's verification event arrived and was accepted`);
}

export async function deleteSsfStream(ctx: IHookFunctions, state: SsfStreamState): Promise<void> {
	if (state.ssfStreamId) {
		const { endpoint } = await transmitter(ctx);
		await deleteStream(ctx, endpoint, state.ssfStreamId);
	}
	forgetStream(state);
	forgetAudience(identityKey(ctx));
}
