import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { withBearerToken } from '../nodes/PingOneMfa/transport/bearer';
import {
	PINGONE_REGIONS,
	type PingOneCredentialData,
} from '../nodes/PingOneMfa/transport/endpoint';
import { fetchAccessToken } from '../nodes/PingOneMfa/transport/token';

export class PingOneMfaApi implements ICredentialType {
	name = 'pingOneMfaApi';

	displayName = 'PingOne MFA API';

	icon = { light: 'file:../icons/pingone.svg', dark: 'file:../icons/pingone.dark.svg' } as const;

	documentationUrl =
		'https://github.com/n8n-nodes-idp-mfa-sync/n8n-nodes-idp-mfa-sync#pingone-mfa';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment ID',
			name: 'environmentId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 5caa81af-ec05-41ff-a709-c7378007a99c',
			required: true,
			description: 'The ID of the PingOne environment the worker application and the users live in',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: PINGONE_REGIONS.map(({ name, value }) => ({ name, value })),
			default: 'com',
			description:
				'The region of the environment, which decides the auth.pingone and api.pingone hosts',
		},
		{
			displayName: 'Auth Base URL',
			name: 'authBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://auth.pingone.com',
			displayOptions: { show: { region: ['custom'] } },
			description: 'The origin the token endpoint /{environmentId}/as/token is under',
		},
		{
			displayName: 'API Base URL',
			name: 'apiBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://api.pingone.com',
			displayOptions: { show: { region: ['custom'] } },
			description: 'The origin the API /v1/environments/{environmentId} is under',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'The Client ID of a worker application in the environment',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The Client Secret of the worker application',
		},
		{
			displayName: 'Token Endpoint Authentication',
			name: 'clientAuthentication',
			type: 'options',
			options: [
				{ name: 'Client Secret Basic', value: 'basic' },
				{ name: 'Client Secret Post', value: 'post' },
			],
			default: 'basic',
			description:
				"Must match the worker application's Token Endpoint Authentication Method: the client ID and secret in a Basic header, or in the form body",
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/** Fetches a worker-app token when none is stored yet, or when PingOne answered 401. */
	async preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		const accessToken = await fetchAccessToken(
			this.helpers,
			credentials as unknown as PingOneCredentialData,
		);
		return { accessToken };
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return withBearerToken(credentials as unknown as PingOneCredentialData, requestOptions);
	}

	test: ICredentialTestRequest = {
		request: {
			url: '/users',
			qs: { limit: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'PingOne did not accept the access token (401): check the Environment ID and region, and that the worker application is enabled',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The worker application has no role that allows reading users in this environment (403): give it Identity Data Admin or Identity Data Read Only',
				},
			},
		],
	};
}
