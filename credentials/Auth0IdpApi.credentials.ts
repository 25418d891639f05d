import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { isAuth0TokenRequest } from '../nodes/IdpEventTrigger/providers/auth0/auth0.baseUrl';
import { addClientSecretToTokenRequest } from '../nodes/IdpEventTrigger/providers/http/clientSecretAuth';
import { registrationKeyProperty } from '../nodes/IdpEventTrigger/registrationKeyProperty';

const BASE_URL =
	'={{/^https?:\\/\\//i.test($credentials.domain.trim()) ? $credentials.domain.trim().replace(/\\/+$/, "") : "https://" + $credentials.domain.trim().replace(/\\/+$/, "")}}';

export class Auth0IdpApi implements ICredentialType {
	name = 'auth0IdpApi';

	displayName = 'Auth0 IdP Sync API';

	icon = { light: 'file:../icons/auth0.svg', dark: 'file:../icons/auth0.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-idp-mfa-sync/n8n-nodes-idp-mfa-sync#auth0';

	properties: INodeProperties[] = [
		{
			displayName: 'Domain',
			name: 'domain',
			type: 'string',
			default: '',
			placeholder: 'e.g. acme.us.auth0.com',
			required: true,
			description:
				"The tenant's Auth0 domain (not a custom domain): the Management API audience is built from it (https://acme.us.auth0.com/api/v2/). A value starting with http:// or https:// is used as the base URL as given.",
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			description:
				'Client ID of a Machine to Machine application authorized for the Auth0 Management API. Needed for automatic log stream registration and for enrichment.',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		registrationKeyProperty('Client Secret'),
		{
			displayName: 'Stream Token',
			name: 'streamToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only for manual registration: the Authorization Token of your log stream, or the bearer token of your event stream. Auth0 sends it in the Authorization header of every delivery. Automatic registration derives its own (see Automatic Registration Key).',
		},
	];

	/**
	 * Adds the client id and secret to client-credentials token requests only; Management API calls
	 * carry the bearer token the node obtained for the current execution.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return addClientSecretToTokenRequest(credentials, requestOptions, isAuth0TokenRequest);
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL,
			url: '/oauth/token',
			method: 'POST',
			body: {
				grant_type: 'client_credentials',
				audience: `${BASE_URL}/api/v2/`,
			},
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'Auth0 did not accept the Client ID and Client Secret (401)',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The application is not authorized for the Auth0 Management API (403): authorize it under Applications > APIs > Auth0 Management API > Machine to Machine Applications',
				},
			},
		],
	};
}
