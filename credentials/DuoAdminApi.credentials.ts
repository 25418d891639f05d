import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import {
	signHttpRequest,
	type DuoCredentialData,
} from '../nodes/DuoSecurity/transport/signedRequest';

export class DuoAdminApi implements ICredentialType {
	name = 'duoAdminApi';

	displayName = 'Duo Security Admin API';

	icon = { light: 'file:../icons/duo.svg', dark: 'file:../icons/duo.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-idp-mfa-sync/n8n-nodes-idp-mfa-sync#duo-security';

	properties: INodeProperties[] = [
		{
			displayName: 'Integration Key',
			name: 'integrationKey',
			type: 'string',
			default: '',
			placeholder: 'e.g. DIWJ8X6AEYOR5OMC6TQ1',
			required: true,
			description: 'The integration key of the Admin API application in the Duo Admin Panel',
		},
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The secret key of the Admin API application. It signs each request and is never sent.',
		},
		{
			displayName: 'API Hostname',
			name: 'apiHostname',
			type: 'string',
			default: '',
			placeholder: 'e.g. api-xxxxxxxx.duosecurity.com',
			required: true,
			description:
				'The API hostname of the Admin API application. A value starting with http:// or https:// is used as the base URL as given.',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return signHttpRequest(credentials as unknown as DuoCredentialData, requestOptions);
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{/^https?:\\/\\//i.test($credentials.apiHostname) ? $credentials.apiHostname : "https://" + $credentials.apiHostname}}',
			url: '/admin/v1/users',
			qs: { limit: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Duo did not accept these keys (401, codes 40101-40104): check the Integration Key, Secret Key and API Hostname, and that the clock of the n8n host is correct',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Duo accepted the keys but the Admin API application lacks the "Grant read resource" permission (403)',
				},
			},
		],
	};
}
