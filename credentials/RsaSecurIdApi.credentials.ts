import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import type { RsaCredentialData } from '../nodes/RsaSecurId/transport/endpoint';
import { signAdminRequest } from '../nodes/RsaSecurId/transport/signedRequest';

export class RsaSecurIdApi implements ICredentialType {
	name = 'rsaSecurIdApi';

	displayName = 'RSA SecurID Cloud Administration API';

	icon = { light: 'file:../icons/rsa.svg', dark: 'file:../icons/rsa.dark.svg' } as const;

	documentationUrl =
		'https://github.com/n8n-nodes-idp-mfa-sync/n8n-nodes-idp-mfa-sync#rsa-securid';

	properties: INodeProperties[] = [
		{
			displayName: 'Access ID',
			name: 'accessId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 139f6495-e447-4a26-a765-5c01b6b152d5',
			required: true,
			description: 'The accessID value of the Administration API key file (a legacy API key)',
		},
		{
			displayName: 'Access Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true, rows: 6 },
			default: '',
			required: true,
			description:
				'The accessKey value of the key file: the RSA private key in PEM format that signs each request. It is never sent.',
		},
		{
			displayName: 'Admin REST API URL',
			name: 'adminRestApiUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://company.access.securid.com/AdminInterface/restapi',
			required: true,
			description:
				'The adminRestApiUrl value of the key file; it is also the audience of each token',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return signAdminRequest(credentials as unknown as RsaCredentialData, requestOptions);
	}

	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: '/v2/users/search',
			qs: { pageSize: 1, pageNumber: 0 },
			body: { emailLike: '@' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'RSA SecurID refused the signed token (403): check the Access ID, Access Key and Admin REST API URL, that the key is a legacy Administration API key, and the clock of the n8n host',
				},
			},
		],
	};
}
