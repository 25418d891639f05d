import type { IDataObject, IHttpRequestHelper, IN8nHttpFullResponse } from 'n8n-workflow';

import { lowerCaseKeys, tokenEndpointError } from '../../shared/http/serviceResponse';
import { pingOneEndpoints, type PingOneCredentialData } from './endpoint';

const TOKEN_TIMEOUT_MS = 30_000;

function describeTokenFailure(body: unknown, statusCode: number): string {
	const failure = (typeof body === 'object' && body !== null ? body : {}) as IDataObject;
	const error = typeof failure.error === 'string' ? failure.error : undefined;
	const text =
		typeof failure.error_description === 'string'
			? failure.error_description
			: typeof failure.message === 'string'
				? failure.message
				: undefined;
	const what = [error, text].filter(Boolean).join(': ');
	return `PingOne did not issue an access token (HTTP ${statusCode}${what ? `, ${what}` : ''})`;
}

/**
 * A worker-app access token by the client-credentials grant, for the credential's
 * preAuthentication. The client id and secret go in a Basic header or in the form body, as the
 * worker app's token endpoint authentication method requires. A failure is thrown as an error the
 * transport can read (status and body), never carrying the request and so never the secret.
 */
export async function fetchAccessToken(
	helpers: IHttpRequestHelper['helpers'],
	credentials: PingOneCredentialData,
): Promise<string> {
	const { tokenUrl } = pingOneEndpoints(credentials);
	const clientId = (credentials.clientId ?? '').trim();
	const clientSecret = credentials.clientSecret ?? '';
	const inBody = credentials.clientAuthentication === 'post';
	let response: IN8nHttpFullResponse;
	try {
		response = (await helpers.httpRequest({
			method: 'POST',
			url: tokenUrl,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			body: {
				grant_type: 'client_credentials',
				...(inBody ? { client_id: clientId, client_secret: clientSecret } : {}),
			},
			...(inBody ? {} : { auth: { username: clientId, password: clientSecret } }),
			timeout: TOKEN_TIMEOUT_MS,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		const code = (error as { code?: unknown }).code;
		throw Object.assign(new Error('Could not reach the PingOne token endpoint'), {
			code: typeof code === 'string' ? code : undefined,
		});
	}
	const body = (typeof response.body === 'string' ? safeJson(response.body) : response.body) as
		| IDataObject
		| undefined;
	if (response.statusCode === 200 && typeof body?.access_token === 'string') {
		return body.access_token;
	}
	throw tokenEndpointError(describeTokenFailure(body, response.statusCode), {
		statusCode: response.statusCode,
		headers: lowerCaseKeys(response.headers),
		body,
	});
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return { message: text.slice(0, 200) };
	}
}
