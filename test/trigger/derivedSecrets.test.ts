import { randomUUID } from 'node:crypto';

import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INodeParameters,
} from 'n8n-workflow';

import { Auth0IdpApi } from '../../credentials/Auth0IdpApi.credentials';
import { EntraIdpApi } from '../../credentials/EntraIdpApi.credentials';
import { OktaIdpApi } from '../../credentials/OktaIdpApi.credentials';
import { KEYS_FRESH_FOR_MS } from '../../nodes/IdpEventTrigger/credentialKeys';
import { startFakeAuth0 } from '../../sandbox/auth0/server';
import { startFakeGraph } from '../../sandbox/graph/server';
import { startFakeOkta } from '../../sandbox/okta/server';
import { auth0Fixture } from '../auth0/support/fixtures';
import { n8nLogger } from '../harness/n8nContainer';
import { oktaFixture } from '../helpers/oktaFixtures';
import { triggerBench } from '../helpers/triggerBench';

/** One identity provider's fake, seen the way these tests need it. */
interface Remote {
	credentials: ICredentialDataDecryptedObject;
	/** The secret the IdP holds for the registration that posts to `url`. */
	registeredSecret(url: string): string;
	/** Makes the IdP hold `secret` for that registration instead, as an earlier version would have left it. */
	replaceSecret(url: string, secret: string): void;
	/** Has the IdP send one delivery to `url`; resolves with the trigger's reply status. */
	deliver(url: string): Promise<number>;
	close(): Promise<void>;
}

interface Provider {
	id: 'okta' | 'auth0' | 'entra';
	credentialName: string;
	credentialType: new () => ICredentialType;
	/** Where versions before derivation stored the generated secret. */
	legacyKey: string;
	start(): Promise<Remote>;
}

const JANE_GRAPH = '00000000-1111-2222-3333-444444444444';

const providers: Provider[] = [
	{
		id: 'okta',
		credentialName: 'oktaIdpApi',
		credentialType: OktaIdpApi,
		legacyKey: 'hookSecret',
		async start() {
			const okta = await startFakeOkta({ users: [{ id: '00uJDOE0000000000001', profile: { login: 'jane.doe@acme.test' } }] });
			const hookFor = (url: string) => {
				const hook = [...okta.state.eventHooks.values()].find((h) => h.channel.config.uri === url);
				if (!hook?.channel.config.authScheme) throw new Error(`no hook for ${url}`);
				return { ...hook, authScheme: hook.channel.config.authScheme };
			};
			return {
				credentials: { orgUrl: okta.url, apiToken: okta.apiToken },
				registeredSecret: (url) => hookFor(url).authScheme.value,
				replaceSecret: (url, secret) => {
					hookFor(url).authScheme.value = secret;
				},
				deliver: async (url) => {
					const delivery = oktaFixture('user.lifecycle.create');
					delivery.data.events[0].uuid = randomUUID();
					return (await okta.deliver(hookFor(url).id, delivery)).status;
				},
				close: async () => await okta.close(),
			};
		},
	},
	{
		id: 'auth0',
		credentialName: 'auth0IdpApi',
		credentialType: Auth0IdpApi,
		legacyKey: 'logStreamSecret',
		async start() {
			const auth0 = await startFakeAuth0({ users: [{ user_id: 'auth0|65f000000000000000000001', email: 'jane.doe@acme.test' }] });
			const streamFor = (url: string) => {
				const stream = [...auth0.state.logStreams.values()].find((s) => s.sink.httpEndpoint === url);
				if (!stream) throw new Error(`no log stream for ${url}`);
				return stream;
			};
			return {
				credentials: { domain: auth0.domain, clientId: auth0.clientId, clientSecret: auth0.clientSecret },
				registeredSecret: (url) => String(streamFor(url).sink.httpAuthorization).replace(/^Bearer /, ''),
				replaceSecret: (url, secret) => {
					streamFor(url).sink.httpAuthorization = `Bearer ${secret}`;
				},
				deliver: async (url) => {
					const [entry] = auth0Fixture('log.ss') as Array<{ log_id: string; data: IDataObject }>;
					const logId = randomUUID();
					const fresh = { ...entry, log_id: logId, data: { ...entry.data, log_id: logId } };
					return (await auth0.deliverLogs(streamFor(url).id, [fresh])).status;
				},
				close: async () => await auth0.close(),
			};
		},
	},
	{
		id: 'entra',
		credentialName: 'entraIdpApi',
		credentialType: EntraIdpApi,
		legacyKey: 'graphClientState',
		async start() {
			const graph = await startFakeGraph({
				users: [{ id: JANE_GRAPH, userPrincipalName: 'jane.doe@acme.test', accountEnabled: true, createdDateTime: '2024-01-15T08:00:00Z' }],
			});
			const subscriptionsFor = (url: string) =>
				[...graph.subscriptions.values()].filter((s) => s.notificationUrl === url);
			return {
				credentials: {
					tenantId: graph.tenantId,
					clientId: graph.clientId,
					clientSecret: graph.clientSecret,
					graphBaseUrl: graph.graphUrl,
					loginBaseUrl: graph.loginUrl,
				},
				registeredSecret: (url) => String(subscriptionsFor(url)[0]?.clientState),
				replaceSecret: (url, secret) => {
					for (const subscription of subscriptionsFor(url)) subscription.clientState = secret;
				},
				deliver: async (url) => {
					graph.updateUser(JANE_GRAPH, { department: randomUUID() });
					const replies = (await graph.flush()).filter((reply) => reply.url === url);
					if (replies.length !== 1) throw new Error(`expected one delivery to ${url}`);
					return replies[0].status;
				},
				close: async () => await graph.close(),
			};
		},
	},
];

describe.each(providers)('automatic registration with $id: the delivery secret is derived, never stored', (provider) => {
	let remote: Remote;
	let credentials: ICredentialDataDecryptedObject;
	const { host, hook, closeHosts } = triggerBench({
		credentialName: provider.credentialName,
		credentialType: provider.credentialType,
		credentials: () => credentials,
		workflowName: 'Derived secrets',
	});
	const parameters: INodeParameters = {
		provider: provider.id,
		registration: 'automatic',
		events: ['user.created', 'user.updated'],
		options: { enrich: false },
	};
	const activate = async () => {
		const staticData: IDataObject = {};
		const hosted = await host(parameters, staticData);
		expect(await hook(parameters, staticData, hosted.url, 'checkExists')).toBe(false);
		expect(await hook(parameters, staticData, hosted.url, 'create')).toBe(true);
		return { staticData, hosted };
	};

	beforeEach(async () => {
		remote = await provider.start();
		credentials = { ...remote.credentials };
	});
	afterEach(async () => {
		jest.restoreAllMocks();
		await closeHosts();
		await remote.close();
	});

	it('keeps no secret in static data, and a process whose static data predates the registration accepts deliveries', async () => {
		const { staticData, hosted } = await activate();
		const secret = remote.registeredSecret(hosted.url);
		expect(secret).toMatch(/^[\w-]{43}$/);
		expect(JSON.stringify(staticData)).not.toContain(secret);
		expect(await hook(parameters, staticData, hosted.url, 'checkExists')).toBe(true);

		// what a queue-mode webhook process holds: the workflow's static data from before activation
		for (const key of Object.keys(staticData)) delete staticData[key];
		expect(await remote.deliver(hosted.url)).toBeLessThan(300);
		expect(hosted.emitted).toHaveLength(1);
	});

	it('notices a changed key: deliveries are refused with a log line that says so, and registering again makes them flow', async () => {
		const { staticData, hosted } = await activate();
		const before = remote.registeredSecret(hosted.url);
		expect(await remote.deliver(hosted.url)).toBeLessThan(300);

		credentials = { ...credentials, registrationKey: 'a-new-automatic-registration-key-0123456789' };
		const warn = jest.spyOn(n8nLogger(), 'warn').mockImplementation(() => undefined);
		// Keys read within the last seconds may still answer a delivery (test/trigger/credentialReads.test.ts).
		await new Promise((resolve) => setTimeout(resolve, KEYS_FRESH_FOR_MS + 50));
		expect(await remote.deliver(hosted.url)).toBe(401);
		expect(warn.mock.calls.map(([message]) => message).join('\n')).toMatch(
			/key changed after the hook was registered: re-publish the workflow/,
		);
		expect(hosted.emitted).toHaveLength(1);

		expect(await hook(parameters, staticData, hosted.url, 'checkExists')).toBe(false);
		expect(await hook(parameters, staticData, hosted.url, 'create')).toBe(true);
		expect(remote.registeredSecret(hosted.url)).not.toBe(before);
		expect(await hook(parameters, staticData, hosted.url, 'checkExists')).toBe(true);
		expect(await remote.deliver(hosted.url)).toBeLessThan(300);
		expect(hosted.emitted).toHaveLength(2);
	});

	it('keeps accepting the secret an earlier version generated and stored, until the next registration replaces it', async () => {
		const { staticData, hosted } = await activate();
		const legacy = 'secret-stored-by-an-earlier-version-0123456789';
		remote.replaceSecret(hosted.url, legacy);
		delete staticData.secretTag;
		staticData[provider.legacyKey] = legacy;
		expect(await remote.deliver(hosted.url)).toBeLessThan(300);
		expect(hosted.emitted).toHaveLength(1);

		expect(await hook(parameters, staticData, hosted.url, 'checkExists')).toBe(false);
		expect(await hook(parameters, staticData, hosted.url, 'create')).toBe(true);
		expect(staticData).not.toHaveProperty(provider.legacyKey);
		expect(remote.registeredSecret(hosted.url)).not.toBe(legacy);
		expect(await remote.deliver(hosted.url)).toBeLessThan(300);
		expect(hosted.emitted).toHaveLength(2);
	});
});
