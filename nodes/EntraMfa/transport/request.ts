import type { IDataObject } from 'n8n-workflow';

import { callProvider, type ProviderApi, type ProviderRequest, type ProviderResult } from '../../shared/http/providerCall';
import type { ApiContext } from '../../shared/http/resilientRequest';
import type { RetryPolicy } from '../../shared/http/retryPolicy';
import { ENTRA, entraApiError, isEntraAlreadyExists } from './errors';

export const ENTRA_MFA_CREDENTIAL = 'entraMfaApi';

const entraApi: ProviderApi = {
	credential: ENTRA_MFA_CREDENTIAL,
	name: ENTRA,
	refreshTokenOn401: true,
	isAlreadyExists: isEntraAlreadyExists,
	apiError: entraApiError,
	pathOf: (path) => path.replace(/^https?:\/\/[^/]+\/[^/]+/i, '').split('?')[0],
};

/** One Microsoft Graph call; `path` is under the Graph base URL (`/users/...`) or a paging link. */
export async function graphCall<T>(ctx: ApiContext, request: ProviderRequest): Promise<ProviderResult<T> | undefined> {
	return await callProvider<T>(ctx, entraApi, request);
}

interface GraphPage<T> {
	value?: T[];
	'@odata.nextLink'?: string;
}

/** Every item of a collection, following `@odata.nextLink` to the end. */
export async function graphCallAll<T>(
	ctx: ApiContext,
	path: string,
	options: { retry?: RetryPolicy; headers?: IDataObject; progress?: (read: number) => void } = {},
): Promise<T[]> {
	const items: T[] = [];
	let next: string | undefined = path;
	while (next) {
		const page: ProviderResult<GraphPage<T>> | undefined = await graphCall<GraphPage<T>>(ctx, {
			method: 'GET',
			path: next,
			retry: options.retry,
			headers: options.headers,
		});
		items.push(...(page?.body.value ?? []));
		options.progress?.(items.length);
		next = page?.body['@odata.nextLink'];
	}
	return items;
}
