import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { registrationKeyProperty } from '../nodes/IdpEventTrigger/registrationKeyProperty';

export class OktaIdpApi implements ICredentialType {
	name = 'oktaIdpApi';

	displayName = 'Okta IdP Sync API';

	icon = { light: 'file:../icons/okta.svg', dark: 'file:../icons/okta.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-idp-mfa-sync/n8n-nodes-idp-mfa-sync#okta';

	properties: INodeProperties[] = [
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
			description:
				'An Okta API token (SSWS). Needed for automatic event hook registration (okta.eventHooks.manage) and for enrichment (okta.users.read, okta.groups.read).',
		},
		registrationKeyProperty('API Token'),
		{
			displayName: 'Event Hook Secret',
			name: 'eventHookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only for manual registration: the value Okta sends in the Authorization header of every delivery. Automatic registration derives its own (see Automatic Registration Key).',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=SSWS {{$credentials.apiToken}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.orgUrl.replace(/\\/+$/, "")}}',
			url: '/api/v1/users',
			qs: { limit: 1 },
		},
	};
}
