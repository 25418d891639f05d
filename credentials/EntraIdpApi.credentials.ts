import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import {
	DEFAULT_GRAPH_BASE_URL,
	DEFAULT_LOGIN_BASE_URL,
	isEntraTokenRequest,
} from '../nodes/IdpEventTrigger/providers/entra/entra.urls';
import { addClientSecretToTokenRequest } from '../nodes/IdpEventTrigger/providers/http/clientSecretAuth';
import { registrationKeyProperty } from '../nodes/IdpEventTrigger/registrationKeyProperty';

export class EntraIdpApi implements ICredentialType {
	name = 'entraIdpApi';

	displayName = 'Microsoft Entra ID IdP Sync API';

	icon = { light: 'file:../icons/entra.svg', dark: 'file:../icons/entra.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-idp-mfa-sync/n8n-nodes-idp-mfa-sync#microsoft-entra-id';

	properties: INodeProperties[] = [
		{
			displayName: 'Tenant ID',
			name: 'tenantId',
			type: 'string',
			default: '',
			placeholder: 'e.g. aaaabbbb-0000-cccc-1111-dddd2222eeee',
			required: true,
			description:
				'The Directory (tenant) ID of the app registration, or a verified domain of the tenant',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'The Application (client) ID of the app registration',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'A client secret value of the app registration (not its ID)',
		},
		registrationKeyProperty('Client Secret'),
		{
			displayName: 'Client State',
			name: 'clientStateSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only for manual registration: the clientState (at most 128 characters) of the subscriptions you created. Automatic registration derives its own (see Automatic Registration Key).',
		},
		{
			displayName: 'Microsoft Graph Base URL',
			name: 'graphBaseUrl',
			type: 'string',
			default: DEFAULT_GRAPH_BASE_URL,
			description: 'Change only for a national cloud, e.g. https://graph.microsoft.us/v1.0',
		},
		{
			displayName: 'Login Base URL',
			name: 'loginBaseUrl',
			type: 'string',
			default: DEFAULT_LOGIN_BASE_URL,
			description: 'Change only for a national cloud, e.g. https://login.microsoftonline.us',
		},
	];

	/**
	 * Adds the client id and secret to client-credentials token requests only; Graph calls carry the
	 * bearer token the node obtained for the current execution.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return addClientSecretToTokenRequest(credentials, requestOptions, isEntraTokenRequest);
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.loginBaseUrl.trim().replace(/\\/+$/, "")}}',
			url: '={{"/" + encodeURIComponent($credentials.tenantId.trim()) + "/oauth2/v2.0/token"}}',
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: {
				grant_type: 'client_credentials',
				scope:
					'={{$credentials.graphBaseUrl.trim().replace(/^(https?:\\/\\/[^/]+).*$/, "$1")}}/.default',
			},
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 400,
					message:
						'Microsoft Entra ID rejected the request (400): check the Tenant ID and that the app registration exists in that tenant',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'Microsoft Entra ID did not accept the Client ID and Client Secret (401)',
				},
			},
		],
	};
}
