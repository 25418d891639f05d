import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { auth0Endpoints, type Auth0MfaCredentialData } from '../nodes/Auth0Mfa/transport/endpoint';
import { fetchClientCredentialsToken, withBearer } from '../nodes/shared/http/clientCredentials';

export class Auth0MfaApi implements ICredentialType {
	name = 'auth0MfaApi';

	displayName = 'Auth0 MFA Target API';

	icon = { light: 'file:../icons/auth0.svg', dark: 'file:../icons/auth0.dark.svg' } as const;

	documentationUrl =
		'https://github.com/n8n-nodes-idp-mfa-sync/n8n-nodes-idp-mfa-sync#auth0-mfa';

	properties: INodeProperties[] = [
		{
			displayName:
				'For the Auth0 MFA node, which changes the tenant: the Machine to Machine application needs write scopes (users, roles, role members, authenticators, authentication methods). The IdP Event Trigger and IdP Directory read Auth0 with the separate, read-mostly "Auth0 IdP Sync API" credential.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Domain',
			name: 'domain',
			type: 'string',
			default: '',
			placeholder: 'e.g. acme.us.auth0.com',
			required: true,
			description:
				"The tenant's Auth0 domain (not a custom domain): the Management API audience is https://YOUR-DOMAIN/api/v2/. A value starting with http:// or https:// is used as the base URL as given.",
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'Client ID of a Machine to Machine application authorized for the Auth0 Management API',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/** Fetches a Management API token when none is stored yet, or when Auth0 answered 401. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		const data = credentials as unknown as Auth0MfaCredentialData;
		const { tokenUrl, audience } = auth0Endpoints(data);
		const accessToken = await fetchClientCredentialsToken(this.helpers, {
			provider: 'Auth0',
			url: tokenUrl,
			form: false,
			body: { grant_type: 'client_credentials', client_id: data.clientId, client_secret: data.clientSecret, audience },
		});
		return { accessToken };
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const data = credentials as unknown as Auth0MfaCredentialData;
		return withBearer(auth0Endpoints(data).apiBaseUrl, data.accessToken ?? '', requestOptions, 'Auth0');
	}

	test: ICredentialTestRequest = {
		request: { url: '/users', qs: { per_page: 1 } },
		rules: [
			{
				type: 'responseCode',
				properties: { value: 401, message: 'Auth0 did not accept the token (401): check the Domain' },
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'The application lacks the read:users scope (403): authorize it for the Auth0 Management API with the scopes in the README',
				},
			},
		],
	};
}
