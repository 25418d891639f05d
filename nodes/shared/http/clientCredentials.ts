import type { IDataObject, IHttpRequestHelper, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import { lowerCaseKeys, tokenEndpointError } from './serviceResponse';

const TOKEN_TIMEOUT_MS = 30_000;

function parsed(body: unknown): IDataObject {
	if (typeof body === 'string') {
		try {
			return JSON.parse(body) as IDataObject;
		} catch {
			return { message: body.slice(0, 200) };
		}
	}
	return (typeof body === 'object' && body !== null ? body : {}) as IDataObject;
}

/**
 * An access token by the OAuth client-credentials grant, for a credential's preAuthentication. The
 * body goes as a form (`form: true`) or as JSON. A failure is thrown as an error the transport can
 * read (status and body); it never carries the request, so never the secret.
 */
export async function fetchClientCredentialsToken(
	helpers: IHttpRequestHelper['helpers'],
	request: { provider: string; url: string; body: IDataObject; form: boolean },
): Promise<string> {
	let response: IN8nHttpFullResponse;
	try {
		response = (await helpers.httpRequest({
			method: 'POST',
			url: request.url,
			headers: {
				'Content-Type': request.form ? 'application/x-www-form-urlencoded' : 'application/json',
				Accept: 'application/json',
			},
			body: request.body,
			timeout: TOKEN_TIMEOUT_MS,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		const code = (error as { code?: unknown }).code;
		throw Object.assign(new Error(`Could not reach the ${request.provider} token endpoint`), {
			code: typeof code === 'string' ? code : undefined,
		});
	}
	const body = parsed(response.body);
	if (response.statusCode === 200 && typeof body.access_token === 'string') return body.access_token;
	const what = [body.error, body.error_description ?? body.message].filter((part) => typeof part === 'string').join(': ');
	throw tokenEndpointError(
		`${request.provider} did not issue an access token (HTTP ${response.statusCode}${what ? `, ${what}` : ''})`,
		{ statusCode: response.statusCode, headers: lowerCaseKeys(response.headers), body },
	);
}

/**
 * The request with the bearer token, its path made absolute under `base`. An absolute URL (a paging
 * link) must lie under `base`, so the token never goes to another host.
 */
export function withBearer(base: string, token: string, options: IHttpRequestOptions, provider: string): IHttpRequestOptions {
	const target = /^https?:\/\//i.test(options.url) ? options.url : `${base}${options.url}`;
	if (!target.startsWith(`${base}/`) && target !== base) {
		throw new Error(`Refusing to send the ${provider} access token outside ${base}`);
	}
	const authorized: IHttpRequestOptions = {
		...options,
		url: target,
		headers: { ...(options.headers ?? {}), Authorization: `Bearer ${token}` },
	};
	delete authorized.baseURL;
	return authorized;
}
