import type { IHookFunctions } from 'n8n-workflow';

import { auth0ApiRequest } from './auth0.api';

/**
 * What the trigger keeps in the workflow's static data for an automatically created log stream.
 * The stream's token is derived, never stored; `logStreamSecret` is what earlier versions stored.
 */
export interface Auth0StreamState {
	logStreamId?: string;
	logStreamSecret?: string;
}

interface Auth0LogStream {
	id: string;
	name?: string;
	type?: string;
	status?: 'active' | 'paused' | 'suspended';
	sink?: { httpEndpoint?: string };
}

const STREAMS = '/api/v2/log-streams';

function forget(state: Auth0StreamState): void {
	delete state.logStreamId;
	delete state.logStreamSecret;
}

/**
 * True when Auth0 holds an active HTTP log stream with our id that posts to this webhook URL (the
 * trigger has checked the secret it was made with).
 */
export async function auth0StreamExists(
	ctx: IHookFunctions,
	state: Auth0StreamState,
	webhookUrl: string,
): Promise<boolean> {
	if (!state.logStreamId) return false;
	const { body, statusCode } = await auth0ApiRequest<Auth0LogStream>(
		ctx,
		'GET',
		`${STREAMS}/${encodeURIComponent(state.logStreamId)}`,
		undefined,
		undefined,
		{ tolerateNotFound: true },
	);
	if (statusCode === 404) {
		forget(state);
		return false;
	}
	return body.status === 'active' && body.sink?.httpEndpoint === webhookUrl;
}

/**
 * Replaces any log stream of ours or posting to this URL (a paused or suspended one would never
 * resume on its own), then creates an HTTP stream in JSON array format whose Authorization value
 * is `Bearer <secret>`.
 */
export async function createAuth0Stream(
	ctx: IHookFunctions,
	state: Auth0StreamState,
	webhookUrl: string,
	name: string,
	secret: string,
): Promise<void> {
	const { body: streams } = await auth0ApiRequest<Auth0LogStream[]>(ctx, 'GET', STREAMS);
	for (const stream of streams) {
		if (stream.id === state.logStreamId || stream.sink?.httpEndpoint === webhookUrl) {
			await auth0ApiRequest(
				ctx,
				'DELETE',
				`${STREAMS}/${encodeURIComponent(stream.id)}`,
				undefined,
				undefined,
				{
					tolerateNotFound: true,
				},
			);
		}
	}
	forget(state);
	const { body: created } = await auth0ApiRequest<Auth0LogStream>(ctx, 'POST', STREAMS, {
		name,
		type: 'http',
		sink: {
			httpEndpoint: webhookUrl,
			httpContentType: 'application/json',
			httpContentFormat: 'JSONARRAY',
			httpAuthorization: `Bearer ${secret}`,
		},
	});
	state.logStreamId = created.id;
}

export async function deleteAuth0Stream(
	ctx: IHookFunctions,
	state: Auth0StreamState,
): Promise<void> {
	if (state.logStreamId) {
		await auth0ApiRequest(
			ctx,
			'DELETE',
			`${STREAMS}/${encodeURIComponent(state.logStreamId)}`,
			undefined,
			undefined,
			{
				tolerateNotFound: true,
			},
		);
	}
	forget(state);
}
