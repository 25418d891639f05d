import type { IDataObject } from 'n8n-workflow';

import {
	providerApiError,
	sendWithRetries,
	type ProviderApi,
	type ProviderContext,
} from './providerRequest';

/**
 * Caches the token `fetchToken` returns for as long as the n8n context object of one execution
 * lives, and no longer. A failed fetch is not kept.
 */
export function perExecutionToken<C extends object>(
	fetchToken: (ctx: C) => Promise<string>,
): (ctx: C) => Promise<string> {
	const executionTokens = new WeakMap<object, Promise<string>>();
	return async (ctx) => {
		let token = executionTokens.get(ctx);
		if (!token) {
			token = fetchToken(ctx);
			executionTokens.set(ctx, token);
			token.catch(() => executionTokens.delete(ctx));
		}
		return await token;
	};
}

/**
 * A token by the client-credentials grant; the credential adds the client id and secret to this
 * request. A failure names `path` in its description.
 */
export async function requestClientCredentialsToken(
	ctx: ProviderContext,
	api: ProviderApi,
	url: string,
	path: string,
	request: { body: IDataObject; headers?: IDataObject },
): Promise<string> {
	const response = await sendWithRetries(ctx, api, 'POST', url, request);
	const body = (response.body ?? {}) as IDataObject;
	if (response.statusCode >= 400 || typeof body.access_token !== 'string') {
		throw providerApiError(ctx, api, 'POST', path, response);
	}
	return body.access_token;
}
