import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { sameOrigin } from '../nodes/IdpEventTrigger/providers/ssf/ssf.api';
import { registrationKeyProperty } from '../nodes/IdpEventTrigger/registrationKeyProperty';

const WELL_KNOWN =
	'={{$credentials.issuer.trim().replace(/^(https?:\\/\\/[^/]+)(.*?)\\/*$/, "$1/.well-known/ssf-configuration$2")}}';

export class SsfTransmitterApi implements ICredentialType {
	name = 'ssfTransmitterApi';

	displayName = 'Shared Signals (SSF) Transmitter API';

	icon = { light: 'file:../icons/ssf.svg', dark: 'file:../icons/ssf.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-idp-mfa-sync/n8n-nodes-idp-mfa-sync#shared-signals-ssf-caep-and-risc';

	properties: INodeProperties[] = [
		{
			displayName: 'Issuer',
			name: 'issuer',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://acme.okta.com',
			required: true,
			description:
				"The transmitter's issuer, exactly as its /.well-known/ssf-configuration names it. SETs must carry it as iss, and its jwks_uri holds the keys they are verified with.",
		},
		{
			displayName: 'API Bearer Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"An access token for the transmitter's stream management API (Okta: an OAuth 2.0 token with the scopes ssf.manage and ssf.read), sent as Authorization: Bearer to the issuer's own host only. Needed for automatic registration.",
		},
		{
			displayName: 'Audience',
			name: 'audience',
			type: 'string',
			default: '',
			description:
				"The aud the transmitter puts in SETs for this receiver (several: comma-separated). Empty: automatic registration uses the aud of the stream it created; manual registration needs it.",
		},
		registrationKeyProperty('API Bearer Token'),
		{
			displayName: 'Authorization Secret',
			name: 'authorizationSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"Only for manual registration, optional: the stream's authorization_header. The transmitter then sends it with every SET, as the whole Authorization header or as a bearer token. Empty: the signature alone authenticates SETs. Automatic registration derives its own (see Automatic Registration Key).",
		},
	];

	/** The bearer token goes to the issuer's origin only, never to a JWKS or endpoint on another host. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const token = typeof credentials.apiToken === 'string' ? credentials.apiToken.trim() : '';
		const url = `${requestOptions.baseURL ?? ''}${requestOptions.url ?? ''}`;
		if (token === '' || !sameOrigin(url, String(credentials.issuer ?? '').trim())) return requestOptions;
		return { ...requestOptions, headers: { ...(requestOptions.headers ?? {}), Authorization: `Bearer ${token}` } };
	}

	test: ICredentialTestRequest = {
		request: { url: WELL_KNOWN, method: 'GET' },
	};
}
