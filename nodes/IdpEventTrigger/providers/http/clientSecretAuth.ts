import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
} from 'n8n-workflow';

/**
 * A credential's `authenticate` for the client-credentials grant: adds the client id and secret to
 * token requests only; API calls carry the bearer token the node obtained for the execution.
 */
export function addClientSecretToTokenRequest(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
	isTokenRequest: (url: string) => boolean,
): IHttpRequestOptions {
	const url = `${requestOptions.baseURL ?? ''}${requestOptions.url ?? ''}`;
	if (!isTokenRequest(url)) return requestOptions;
	return {
		...requestOptions,
		body: {
			...((requestOptions.body as IDataObject | undefined) ?? {}),
			client_id: credentials.clientId,
			client_secret: credentials.clientSecret,
		},
	};
}
