import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INodeParameters,
} from 'n8n-workflow';

import { Auth0IdpApi } from '../../credentials/Auth0IdpApi.credentials';
import { EntraIdpApi } from '../../credentials/EntraIdpApi.credentials';
import { OktaIdpApi } from '../../credentials/OktaIdpApi.credentials';
import { IdpEventTrigger } from '../../nodes/IdpEventTrigger/IdpEventTrigger.node';
import { IDENTITY_EVENT_TYPES } from '../../nodes/shared/model';
import { auth0FixtureNames, auth0FixtureText } from '../auth0/support/fixtures';
import { entraFixtureNames, entraFixtureText } from '../entra/support/fixtures';
import { runWebhook, type WebhookRequest } from '../harness/engine';
import { oktaFixtureNames, oktaFixtureText } from './oktaFixtures';

/** Nothing listens here: a test that must not reach the IdP fails fast if it does. */
export const UNREACHABLE = 'http://127.0.0.1:9';

/** One kind of delivery the trigger accepts, with what it takes to send one through the harness. */
export interface TriggerSource {
	name: 'okta' | 'auth0 logs' | 'auth0 events' | 'entra';
	provider: 'okta' | 'auth0' | 'entra';
	credentialName: string;
	credentialType: new () => ICredentialType;
	/** The secret manual registration expects (the credential's). */
	manualSecret: string;
	/** A manual-registration credential whose API is `apiUrl`. */
	credentials(apiUrl?: string): ICredentialDataDecryptedObject;
	/** Real deliveries, as parsed JSON, to start from. */
	seeds: unknown[];
	/** A request carrying `body` and `secret` where this IdP puts it (undefined: none). */
	request(body: unknown, secret: string | undefined): WebhookRequest;
}

function post(body: unknown, headers: Record<string, string>): WebhookRequest {
	return {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	};
}

const parse = (text: string): unknown => JSON.parse(text);

/** Graph puts the secret in each notification's clientState, not in a header. */
function withClientState(body: unknown, secret: string | undefined): unknown {
	const value = (body as { value?: unknown } | null)?.value;
	if (!Array.isArray(value)) return body;
	return {
		...(body as object),
		value: value.map((item) => {
			if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
			const { clientState: _ignored, ...rest } = item as IDataObject;
			return secret === undefined ? rest : { ...rest, clientState: secret };
		}),
	};
}

/** Log Streams and Event Streams share Auth0's credential and the Authorization header. */
const AUTH0 = {
	provider: 'auth0',
	credentialName: 'auth0IdpApi',
	credentialType: Auth0IdpApi,
	manualSecret: 'auth0-manual-stream-token-0123',
	credentials: (apiUrl = UNREACHABLE) => ({ domain: apiUrl, clientId: 'c', clientSecret: 's', streamToken: 'auth0-manual-stream-token-0123' }),
} as const;

export const TRIGGER_SOURCES: TriggerSource[] = [
	{
		name: 'okta',
		provider: 'okta',
		credentialName: 'oktaIdpApi',
		credentialType: OktaIdpApi,
		manualSecret: 'okta-manual-hook-secret-0123',
		credentials: (apiUrl = UNREACHABLE) => ({ orgUrl: apiUrl, apiToken: 'okta-token', eventHookSecret: 'okta-manual-hook-secret-0123' }),
		seeds: oktaFixtureNames().map((name) => parse(oktaFixtureText(name))),
		request: (body, secret) => post(body, secret === undefined ? {} : { authorization: secret }),
	},
	{
		...AUTH0,
		name: 'auth0 logs',
		seeds: auth0FixtureNames()
			.filter((name) => name.startsWith('log.') && name !== 'log.batch')
			.map((name) => parse(auth0FixtureText(name))),
		request: (body, secret) => post(body, secret === undefined ? {} : { authorization: secret }),
	},
	{
		...AUTH0,
		name: 'auth0 events',
		seeds: auth0FixtureNames()
			.filter((name) => name.startsWith('event.'))
			.map((name) => parse(auth0FixtureText(name))),
		request: (body, secret) => post(body, secret === undefined ? {} : { authorization: `Bearer ${secret}` }),
	},
	{
		name: 'entra',
		provider: 'entra',
		credentialName: 'entraIdpApi',
		credentialType: EntraIdpApi,
		manualSecret: 's3cr3t-client-state',
		credentials: (apiUrl = UNREACHABLE) => ({
			tenantId: 'aaaabbbb-0000-cccc-1111-dddd2222eeee',
			clientId: 'c',
			clientSecret: 's',
			clientStateSecret: 's3cr3t-client-state',
			graphBaseUrl: `${apiUrl}/v1.0`,
			loginBaseUrl: apiUrl,
		}),
		// subscriptions that do not need renewing, as most deliveries find them
		seeds: entraFixtureNames().map((name) =>
			parse(entraFixtureText(name).replace(/"subscriptionExpirationDateTime": "[^"]+"/g, `"subscriptionExpirationDateTime": "${new Date(Date.now() + 20 * 86_400_000).toISOString()}"`)),
		),
		request: (body, secret) => post(withClientState(body, secret), {}),
	},
];

export function triggerSource(name: TriggerSource['name']): TriggerSource {
	const source = TRIGGER_SOURCES.find((candidate) => candidate.name === name);
	if (!source) throw new Error(`no source ${name}`);
	return source;
}

/** Runs the trigger's default webhook with one request, for `source`'s provider. */
export async function deliverTo(
	source: TriggerSource,
	options: {
		/** Replaces the defaults: manual registration, every event type, enrichment off. */
		parameters?: Record<string, unknown>;
		credentials?: ICredentialDataDecryptedObject;
		staticData: IDataObject;
		request: WebhookRequest;
	},
) {
	return await runWebhook({
		node: new IdpEventTrigger(),
		parameters: {
			provider: source.provider,
			registration: 'manual',
			events: [...IDENTITY_EVENT_TYPES],
			options: { enrich: false },
			...(options.parameters as INodeParameters | undefined),
		},
		credentials: { [source.credentialName]: options.credentials ?? source.credentials() },
		credentialTypes: [new source.credentialType()],
		webhookName: 'default',
		request: options.request,
		staticData: options.staticData,
	});
}

export { eachConcurrently } from './eachConcurrently';
