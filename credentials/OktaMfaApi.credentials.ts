import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { withOktaToken, type OktaMfaCredentialData } from '../nodes/OktaMfa/transport/auth';

export class OktaMfaApi implements ICredentialType {
	name = 'oktaMfaApi';

	displayName = 'Okta MFA Target API';

	icon = { light: 'file:../icons/okta.svg', dark: 'file:../icons/okta.dark.svg' } as const;

	documentationUrl =
		'https://github.com/n8n-nodes-idp-mfa-sync/n8n-nodes-idp-mfa-sync#okta-mfa';

	properties: INodeProperties[] = [
		{
			displayName:
				'For the Okta MFA node, which changes Okta: the token needs write permissions (users, lifecycle, factors, groups). The IdP Event Trigger and IdP Directory read Okta with the separate, read-mostly "Okta IdP Sync API" credential.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Org URL',
			name: 'orgUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://acme.okta.com',
			required: true,
		},
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'An Okta API token (SSWS) created by an admin whose role can manage users, their lifecycle and authenticators, and group memberships (see the README for the exact permissions)',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return withOktaToken(credentials as unknown as OktaMfaCredentialData, requestOptions);
	}

	test: ICredentialTestRequest = {
		request: { url: '/api/v1/users', qs: { limit: 1 } },
		rules: [
			{
				type: 'responseCode',
				properties: { value: 401, message: 'Okta did not accept the API token (401): check the Org URL and the token' },
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: "The token's admin may not read users (403): give the admin a role that manages users and groups",
				},
			},
		],
	};
}
