import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { Auth0IdpApi } from '../../credentials/Auth0IdpApi.credentials';
import { IDENTITY_EVENT_TYPES } from '../../nodes/shared/model';
import { startFakeAuth0, type FakeAuth0 } from '../../sandbox/auth0/server';
import { testCredential } from '../harness/engine';
import { triggerBench } from '../helpers/triggerBench';
import { auth0FixtureText } from './support/fixtures';

const JANE = 'auth0|65f000000000000000000001';
const JOHN = 'auth0|65f000000000000000000002';
const ROLE = 'rol_MFAUSERS00000001';
const manualValue = ['manual', 'stream', 'value'].join('-');

describe('IdP Event Trigger with Auth0, through n8n-core contexts and a fake Auth0 over HTTP', () => {
	let auth0: FakeAuth0;
	let credentials: ICredentialDataDecryptedObject;
	const { host, hook, webhook, closeHosts } = triggerBench({
		credentialName: 'auth0IdpApi',
		credentialType: Auth0IdpApi,
		credentials: () => credentials,
		workflowName: 'Auth0 to Duo',
	});

	beforeEach(async () => {
		auth0 = await startFakeAuth0({
			tenant: 'acme-prod',
			users: [
				{
					user_id: JANE,
					email: 'jane.doe@acme.test',
					given_name: 'Jane',
					family_name: 'Doe',
					user_metadata: { department: 'IT' },
				},
				{ user_id: JOHN, email: 'john.smith@acme.test', given_name: 'John', family_name: 'Smith' },
			],
			roles: [{ id: ROLE, name: 'MFA-Users' }],
			userRoles: { [JANE]: [ROLE] },
		});
		credentials = {
			domain: auth0.domain,
			clientId: auth0.clientId,
			clientSecret: auth0.clientSecret,
			streamToken: manualValue,
		};
	});
	afterEach(async () => {
		await closeHosts();
		await auth0.close();
	});

	const deliver = (
		parameters: INodeParameters,
		staticData: IDataObject,
		body: string,
		authorization = manualValue,
	) =>
		webhook(parameters, staticData, {
			method: 'POST',
			headers: { authorization, 'content-type': 'application/json' },
			body,
		});

	const automatic: INodeParameters = {
		provider: 'auth0',
		registration: 'automatic',
		events: [...IDENTITY_EVENT_TYPES],
		options: {},
	};
	const manual: INodeParameters = { ...automatic, registration: 'manual' };

	it('creates an HTTP log stream on activation, receives its logs, and deletes it on deactivation', async () => {
		const staticData: IDataObject = {};
		const hosted = await host(automatic, staticData);
		expect(await hook(automatic, staticData, hosted.url, 'checkExists')).toBe(false);
		expect(await hook(automatic, staticData, hosted.url, 'create')).toBe(true);

		const [stream] = [...auth0.state.logStreams.values()];
		expect(stream).toMatchObject({
			name: 'n8n IdP MFA Sync: Auth0 to Duo',
			type: 'http',
			status: 'active',
			sink: {
				httpEndpoint: hosted.url,
				httpContentFormat: 'JSONARRAY',
				httpContentType: 'application/json',
			},
		});
		expect(stream.sink.httpAuthorization).toMatch(/^Bearer [\w-]{43}$/);
		expect(staticData).toEqual({ logStreamId: stream.id, secretTag: expect.any(String) });
		expect(JSON.stringify(staticData)).not.toContain(String(stream.sink.httpAuthorization).slice(7));
		expect(await hook(automatic, staticData, hosted.url, 'checkExists')).toBe(true);

		await auth0.admin('PATCH', `/api/v2/users/${encodeURIComponent(JANE)}`, { blocked: true });
		await auth0.admin('POST', `/api/v2/users/${encodeURIComponent(JOHN)}/roles`, { roles: [ROLE] });
		const [flushed] = await auth0.flushLogs();
		expect(flushed).toMatchObject({ status: 200, attempts: 1 });
		expect(JSON.parse(flushed.body)).toMatchObject({
			emitted: 2,
			ignored: { 'sapi POST /api/v2/log-streams': 1 },
		});
		expect(hosted.emitted).toHaveLength(1);
		expect(hosted.emitted[0]).toMatchObject([
			{
				type: 'user.suspended',
				user: {
					id: JANE,
					email: 'jane.doe@acme.test',
					givenName: 'Jane',
					status: 'suspended',
					attributes: { 'user_metadata.department': 'IT' },
				},
				enrichment: { status: 'enriched' },
			},
			{ type: 'group.member_added', user: { id: JOHN, givenName: 'John' }, group: { id: ROLE, name: 'MFA-Users' } },
		]);

		expect(await hook(automatic, staticData, hosted.url, 'delete')).toBe(true);
		expect(auth0.state.logStreams.size).toBe(0);
		expect(staticData).not.toHaveProperty('logStreamId');
		expect(staticData).not.toHaveProperty('secretTag');
	});

	it('replaces a paused stream and a stale stream for the same URL', async () => {
		const staticData: IDataObject = {};
		const hosted = await host(automatic, staticData);
		await auth0.admin('POST', '/api/v2/log-streams', {
			name: 'stale',
			type: 'http',
			sink: { httpEndpoint: hosted.url },
		});
		await hook(automatic, staticData, hosted.url, 'create');
		expect([...auth0.state.logStreams.values()].map((s) => s.name)).toEqual([
			'n8n IdP MFA Sync: Auth0 to Duo',
		]);
		await auth0.admin('PATCH', `/api/v2/log-streams/${String(staticData.logStreamId)}`, {
			status: 'paused',
		});
		expect(await hook(automatic, staticData, hosted.url, 'checkExists')).toBe(false);
		const pausedId = staticData.logStreamId;
		await hook(automatic, staticData, hosted.url, 'create');
		expect(auth0.state.logStreams.size).toBe(1);
		expect(staticData.logStreamId).not.toBe(pausedId);
	});

	it('forgets a stream someone deleted in Auth0, so activation creates a new one', async () => {
		const staticData: IDataObject = {};
		const hosted = await host(automatic, staticData);
		await hook(automatic, staticData, hosted.url, 'create');
		await auth0.admin('DELETE', `/api/v2/log-streams/${String(staticData.logStreamId)}`);
		expect(await hook(automatic, staticData, hosted.url, 'checkExists')).toBe(false);
		expect(staticData).toEqual({});
		expect(await hook(automatic, staticData, hosted.url, 'delete')).toBe(true);
	});

	it('fails activation clearly when the application lacks a scope', async () => {
		await auth0.close();
		auth0 = await startFakeAuth0({ scopes: ['read:users'] });
		credentials = {
			...credentials,
			domain: auth0.domain,
			clientId: auth0.clientId,
			clientSecret: auth0.clientSecret,
		};
		await expect(
			hook(automatic, {}, 'http://127.0.0.1:9/webhook/x/events', 'create'),
		).rejects.toThrow(
			/Auth0: Insufficient scope, expected any of: read:log_streams \(insufficient_scope\)/,
		);
	});

	it('receives JSON lines from a stream sent as application/x-ndjson, and drops logs it already emitted', async () => {
		const staticData: IDataObject = {};
		const hosted = await host(automatic, staticData);
		await hook(automatic, staticData, hosted.url, 'create');
		const entries = auth0FixtureText('log.batch')
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line) as unknown);
		const id = String(staticData.logStreamId);
		// n8n itself refuses a body labelled application/json that is not one JSON document
		expect((await auth0.deliverLogs(id, entries, { format: 'JSONLINES' })).status).toBe(422);
		await auth0.admin('PATCH', `/api/v2/log-streams/${id}`, {
			sink: { httpContentType: 'application/x-ndjson' },
		});
		expect((await auth0.deliverLogs(id, entries, { format: 'JSONLINES' })).status).toBe(200);
		expect(hosted.emitted[0].map((e) => e.type)).toEqual([
			'user.created',
			'group.member_added',
			'user.suspended',
		]);
		const again = await auth0.deliverLogs(id, entries, { format: 'JSONARRAY' });
		expect(JSON.parse(again.body)).toMatchObject({ emitted: 0, duplicates: 3 });
		expect(hosted.emitted).toHaveLength(1);
	});

	it("receives Event Streams CloudEvents with the credential's Stream Token (manual registration)", async () => {
		const staticData: IDataObject = {};
		const hosted = await host(manual, staticData);
		for (const method of ['checkExists', 'create', 'delete'] as const) {
			expect(await hook(manual, staticData, hosted.url, method)).toBe(true);
		}
		expect(auth0.requests).toHaveLength(0);
		await auth0.admin('POST', '/api/v2/event-streams', {
			name: 'n8n',
			subscriptions: [{ event_type: 'user.created' }, { event_type: 'user.updated' }],
			destination: {
				type: 'webhook',
				configuration: {
					webhook_endpoint: hosted.url,
					webhook_authorization: { method: 'bearer', token: manualValue },
				},
			},
		});
		await auth0.admin('POST', '/api/v2/users', {
			connection: 'Username-Password-Authentication',
			email: 'new.hire@acme.test',
			password: 'Correct-Horse-9',
			given_name: 'New',
			family_name: 'Hire',
		});
		await auth0.admin('PATCH', `/api/v2/users/${encodeURIComponent(JANE)}`, { blocked: true });
		const replies = await auth0.flushEvents();
		expect(replies.map((r) => r.status)).toEqual([200, 200]);
		expect(hosted.emitted.map((items) => items.map((e) => e.type))).toEqual([
			['user.created'],
			['user.suspended'],
		]);
		expect(hosted.emitted[0][0]).toMatchObject({
			user: { email: 'new.hire@acme.test', status: 'active' },
			enrichment: { status: 'enriched' },
		});
	});

	it('fetches one token per execution, adds roles on request, and waits out a 429', async () => {
		const janePath = `/api/v2/users/${encodeURIComponent(JANE)}`;
		auth0.injectFaults({ status: 429, pathPrefix: janePath, retryAfter: 1 });
		const result = await deliver(
			{ ...manual, options: { includeGroups: true } },
			{},
			auth0FixtureText('log.sapi.assign-role-users'),
		);
		expect(result.status).toBe(200);
		const items = (result.workflowData?.[0] ?? []).map((item) => item.json);
		expect(items).toMatchObject([
			{
				type: 'group.member_added',
				user: { id: JANE, groups: [{ id: ROLE, name: 'MFA-Users' }] },
				enrichment: { status: 'enriched' },
			},
			{
				type: 'group.member_added',
				user: { id: JOHN, groups: [] },
				enrichment: { status: 'enriched' },
			},
		]);
		expect(auth0.tokensIssued).toBe(1);
		expect(auth0.requests.filter((r) => r.path === janePath).map((r) => r.status)).toEqual([
			429, 200,
		]);
	});

	it('keeps events whose user is gone, marked not_found, and skips enrichment when it is off', async () => {
		const gone = await deliver(
			manual,
			{},
			auth0FixtureText('log.sapi.delete-user').replace(
				/65f000000000000000000001/g,
				'65f0000000000000000000ff',
			),
		);
		expect(gone.workflowData?.[0][0].json).toMatchObject({
			type: 'user.deleted',
			enrichment: { status: 'not_found' },
		});
		const before = auth0.requests.length;
		const off = await deliver(
			{ ...manual, options: { enrich: false } },
			{},
			auth0FixtureText('log.ss'),
		);
		expect(off.workflowData?.[0][0].json).toMatchObject({
			type: 'user.created',
			enrichment: { status: 'off' },
		});
		expect(auth0.requests).toHaveLength(before);
	});

	it('starts no execution for a wrong token, a malformed body, or a redelivered log', async () => {
		const staticData: IDataObject = {};
		expect(
			(await deliver(manual, staticData, auth0FixtureText('log.ss'), 'Bearer wrong')).status,
		).toBe(401);
		const malformed = await webhook(manual, staticData, {
			method: 'POST',
			headers: { authorization: manualValue, 'content-type': 'application/x-ndjson' },
			body: '{"log_id":"1"}\n{"log_id":',
		});
		expect([malformed.status, malformed.workflowData]).toEqual([400, undefined]);
		expect(JSON.parse(malformed.body).message).toMatch(
			/Line 2 of the request body is not valid JSON/,
		);
		expect(
			(await deliver(manual, staticData, auth0FixtureText('log.ss'), `Bearer ${manualValue}`))
				.workflowData?.[0],
		).toHaveLength(1);
		const again = await deliver(manual, staticData, auth0FixtureText('log.ss'));
		expect([again.status, again.workflowData]).toEqual([200, undefined]);
	});

	it('tests the credential with a client-credentials token request', async () => {
		expect(
			await testCredential({ credentialType: new Auth0IdpApi(), data: credentials }),
		).toMatchObject({ status: 'OK' });
		const wrong = await testCredential({
			credentialType: new Auth0IdpApi(),
			data: { ...credentials, clientSecret: 'nope' },
		});
		expect(wrong.status).toBe('Error');
	});
});
