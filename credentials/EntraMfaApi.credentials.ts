import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import {
	DEFAULT_GRAPH_BASE_URL,
	DEFAULT_LOGIN_BASE_URL,
} from '../nodes/IdpEventTrigger/providers/entra/entra.urls';
import { entraMfaEndpoints, type EntraMfaCredentialData } from '../nodes/EntraMfa/transport/endpoint';
import { fetchClientCredentialsToken, withBearer } from '../nodes/shared/http/clientCredentials';

export class EntraMfaApi implements ICredentialType {
	name = 'entraMfaApi';

	displayName = 'Microsoft Entra ID MFA Target API';

	icon = { light: 'file:../icons/entra.svg', dark: 'file:../icons/entra.dark.svg' } as const;

	documentationUrl =
		'https://github.com/n8n-nodes-idp-mfa-sync/n8n-nodes-idp-mfa-sync#microsoft-entra-id-mfa';

	properties: INodeProperties[] = [
		{
			displayName:
				'For the Entra ID MFA node, which changes the tenant: the app registration needs the application permissions User.ReadWrite.All, GroupMember.ReadWrite.All, Group.ReadWrite.All and UserAuthenticationMethod.ReadWrite.All (admin consent). The IdP Event Trigger and IdP Directory read Entra ID with the separate, read-only "Microsoft Entra ID IdP Sync API" credential.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Tenant ID',
			name: 'tenantId',
			type: 'string',
			default: '',
			placeholder: 'e.g. aaaabbbb-0000-cccc-1111-dddd2222eeee',
			required: true,
			description: 'The Directory (tenant) ID of the app registration, or a verified domain of the tenant',
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
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/** Fetches an app-only Graph token when none is stored yet, or when Graph answered 401. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		const data = credentials as unknown as EntraMfaCredentialData;
		const { tokenUrl, scope } = entraMfaEndpoints(data);
		const accessToken = await fetchClientCredentialsToken(this.helpers, {
			provider: 'Microsoft Entra ID',
			url: tokenUrl,
			form: true,
			body: { grant_type: 'client_credentials', client_id: data.clientId, client_secret: data.clientSecret, scope },
		});
		return { accessToken };
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const data = credentials as unknown as EntraMfaCredentialData;
		const { graphBaseUrl } = entraMfaEndpoints(data);
		return withBearer(graphBaseUrl, data.accessToken ?? '', requestOptions, 'Microsoft Graph');
	}

	test: ICredentialTestRequest = {
		request: { url: '/users', qs: { $top: 1, $select: 'id' } },
		rules: [
			{
				type: 'responseCode',
				properties: { value: 401, message: 'Microsoft Graph did not accept the token (401): check the Tenant ID and the base URLs' },
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'The app registration may not read users (403): grant User.ReadWrite.All with admin consent',
				},
			},
		],
	};
}
