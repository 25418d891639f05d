import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { OktaIdpApi } from '../../credentials/OktaIdpApi.credentials';
import { KEYS_FRESH_FOR_MS } from '../../nodes/IdpEventTrigger/credentialKeys';
import { IDENTITY_EVENT_TYPES } from '../../nodes/shared/model';
import { IdpEventTrigger } from '../../nodes/IdpEventTrigger/IdpEventTrigger.node';
import { oktaEventTypesFor } from '../../nodes/IdpEventTrigger/providers/okta/okta.eventMap';
import { startFakeOkta, type FakeOkta } from '../../sandbox/okta/server';
import { runHookMethod, runWebhook, testCredential } from '../harness/engine';
import { hostTrigger } from '../helpers/triggerHost';
import { oktaFixture } from '../helpers/oktaFixtures';

const JANE = {
	id: '00uJDOE0000000000001',
	status: 'ACTIVE',
	profile: { login: 'jane.doe@acme.test', email: 'jane.doe@acme.test', firstName: 'Jane', lastName: 'Doe', department: 'IT', mobilePhone: '+15555550100' },
};

describe('IdP Event Trigger with Okta, through n8n-core contexts and a fake Okta over HTTP', () => {
	let okta: FakeOkta;
	let credentials: ICredentialDataDecryptedObject;

	beforeEach(async () => {
		okta = await startFakeOkta({
			apiToken: 'okta-token',
			users: [JANE],
			groups: [{ id: '00gMFAUSERS00000001', name: 'MFA-Users' }],
			memberships: { '00gMFAUSERS00000001': [JANE.id] },
		});
		credentials = { orgUrl: okta.url, apiToken: 'okta-token', eventHookSecret: 'manual-secret' };
	});
	afterEach(async () => okta.close());

	const deliver = (parameters: INodeParameters, staticData: IDataObject, body: unknown, secret = 'manual-secret') =>
		runWebhook({
			node: new IdpEventTrigger(),
			parameters,
			credentials: { oktaIdpApi: credentials },
			credentialTypes: [new OktaIdpApi()],
			webhookName: 'default',
			request: { method: 'POST', headers: { authorization: secret, 'content-type': 'application/json' }, body: JSON.stringify(body) },
			staticData,
		});

	const manual: INodeParameters = { provider: 'okta', registration: 'manual', events: [...IDENTITY_EVENT_TYPES], options: {} };

	it('acknowledges, then enriches each user from Okta once, with groups on request', async () => {
		const delivery = oktaFixture('group.user_membership.add');
		delivery.data.events.push({ ...delivery.data.events[0], uuid: 'second', eventType: 'user.account.update_profile', target: [delivery.data.events[0].target[0]] });
		const result = await deliver({ ...manual, options: { includeGroups: true } }, {}, delivery);
		expect(result.status).toBe(200);
		expect(JSON.parse(result.body)).toMatchObject({ received: 2, emitted: 2 });
		const items = result.workflowData![0].map((item) => item.json as any);
		expect(items.map((e) => e.type)).toEqual(['group.member_added', 'user.updated']);
		expect(Object.keys(items[0]).slice(0, 3)).toEqual(['type', 'user', 'group']);
		expect(Object.keys(items[1]).slice(0, 2)).toEqual(['type', 'user']);
		expect(items[0].user).toMatchObject({
			id: JANE.id, login: 'jane.doe@acme.test', email: 'jane.doe@acme.test', givenName: 'Jane', familyName: 'Doe',
			displayName: 'Jane Doe', status: 'active', groups: [{ id: '00gMFAUSERS00000001', name: 'MFA-Users' }],
			attributes: expect.objectContaining({ department: 'IT', mobilePhone: '+15555550100' }),
		});
		expect(items[0].enrichment).toEqual({ status: 'enriched', observedAt: expect.any(String) });
		expect(okta.requests.filter((r) => r.path === `/api/v1/users/${JANE.id}`)).toHaveLength(1);
	});

	it('waits out Okta rate limits (429 E0000047 until X-Rate-Limit-Reset) and still enriches', async () => {
		okta.injectFaults({ status: 429, count: 1, pathPrefix: `/api/v1/users/${JANE.id}`, resetInSeconds: 1 });
		const result = await deliver(manual, {}, oktaFixture('user.lifecycle.create'));
		expect(result.workflowData![0][0].json).toMatchObject({ enrichment: { status: 'enriched' }, user: { givenName: 'Jane' } });
		expect(okta.requests.filter((r) => r.path === `/api/v1/users/${JANE.id}`).map((r) => r.status)).toEqual([429, 200]);
	});

	it('keeps the event when enrichment fails, marked so downstream can decide', async () => {
		const delivery = oktaFixture('user.lifecycle.delete.initiated');
		delivery.data.events[0].target[0].id = '00uGONE000000000001';
		const result = await deliver(manual, {}, delivery);
		expect(result.workflowData![0][0].json).toMatchObject({ type: 'user.deleted', enrichment: { status: 'not_found' }, user: { id: '00uGONE000000000001', login: 'jane.doe@acme.test' } });
	});

	it('skips enrichment when it is off', async () => {
		const result = await deliver({ ...manual, options: { enrich: false } }, {}, oktaFixture('user.lifecycle.create'));
		expect(result.workflowData![0][0].json).toMatchObject({ enrichment: { status: 'off' } });
		expect(okta.requests).toHaveLength(0);
	});

	it('starts no execution for a wrong secret, a malformed body, or a retried delivery', async () => {
		const staticData: IDataObject = {};
		const wrong = await deliver(manual, staticData, oktaFixture('user.lifecycle.create'), 'not-the-secret');
		expect([wrong.status, wrong.workflowData]).toEqual([401, undefined]);
		const malformed = await runWebhook({
			node: new IdpEventTrigger(), parameters: manual, credentials: { oktaIdpApi: credentials }, credentialTypes: [new OktaIdpApi()],
			webhookName: 'default', request: { method: 'POST', headers: { authorization: 'manual-secret', 'content-type': 'application/json' }, body: '{"data":' }, staticData,
		});
		expect([malformed.status, malformed.workflowData]).toEqual([422, undefined]);
		const wrongShape = await deliver(manual, staticData, { data: { events: [{ uuid: 'x' }] } });
		expect([wrongShape.status, wrongShape.workflowData]).toEqual([400, undefined]);
		expect(JSON.parse(wrongShape.body).message).toMatch(/data\.events\[0\]\.published: Required/);
		const first = await deliver(manual, staticData, oktaFixture('user.lifecycle.create'));
		expect(first.workflowData![0]).toHaveLength(1);
		const retry = await deliver(manual, staticData, oktaFixture('user.lifecycle.create'));
		expect(retry.status).toBe(200);
		expect(JSON.parse(retry.body)).toMatchObject({ duplicates: 1, emitted: 0 });
		expect(retry.workflowData).toBeUndefined();
	});

	it('does not remember a delivery that failed with a 5xx, so Okta\'s single retry is processed', async () => {
		const staticData: IDataObject = {};
		credentials.orgUrl = 'not a url';
		// The tenant derived from the Org URL is kept for a few seconds; let it age.
		await new Promise((resolve) => setTimeout(resolve, KEYS_FRESH_FOR_MS + 50));
		await expect(deliver(manual, staticData, oktaFixture('user.lifecycle.create'))).rejects.toThrow();
		credentials.orgUrl = okta.url;
		const retry = await deliver(manual, staticData, oktaFixture('user.lifecycle.create'));
		expect(retry.workflowData![0]).toHaveLength(1);
	});

	it('registers, verifies, checks and removes the Okta event hook (automatic registration)', async () => {
		const staticData: IDataObject = {};
		const parameters: INodeParameters = { provider: 'okta', registration: 'automatic', events: ['user.created', 'group.member_added', 'user.mfa_reset'], options: {} };
		const host = await hostTrigger({ parameters, credentials: { oktaIdpApi: credentials }, credentialTypes: [new OktaIdpApi()], staticData });
		const hook = (method: 'checkExists' | 'create' | 'delete') =>
			runHookMethod({ node: new IdpEventTrigger(), parameters, credentials: { oktaIdpApi: credentials }, credentialTypes: [new OktaIdpApi()], method, webhookUrl: host.url, staticData, workflowName: 'Okta to Duo' });
		try {
			expect(await hook('checkExists')).toBe(false);
			expect(await hook('create')).toBe(true);
			const [created] = [...okta.state.eventHooks.values()];
			expect(created).toMatchObject({ status: 'ACTIVE', verificationStatus: 'VERIFIED', name: 'n8n IdP MFA Sync: Okta to Duo', channel: { config: { uri: host.url } } });
			expect(created.events.items.sort()).toEqual(oktaEventTypesFor(['user.created', 'group.member_added', 'user.mfa_reset']).sort());
			expect(created.events.items.sort()).toEqual(['group.user_membership.add', 'user.lifecycle.create', 'user.mfa.factor.deactivate', 'user.mfa.factor.reset_all']);
			expect(okta.verificationCalls).toEqual([{ hookId: created.id, status: 200, challengeOk: true }]);
			const secret = String(created.channel.config.authScheme?.value);
			expect(secret).toMatch(/^[\w-]{43}$/);
			expect(Object.keys(staticData).sort()).toEqual(['hookEvents', 'hookId', 'secretTag']);
			expect(staticData.hookId).toBe(created.id);
			expect(JSON.stringify(staticData)).not.toContain(secret);
			expect(await hook('checkExists')).toBe(true);

			const delivered = await okta.deliver(created.id, oktaFixture('user.lifecycle.create'));
			expect(delivered.status).toBe(200);
			expect(host.emitted).toHaveLength(1);
			expect(host.emitted[0][0]).toMatchObject({ type: 'user.created', user: { login: 'jane.doe@acme.test' } });

			expect(await hook('delete')).toBe(true);
			expect(okta.state.eventHooks.size).toBe(0);
			expect(staticData.hookId).toBeUndefined();
		} finally {
			await host.close();
		}
	});

	it('replaces a hook whose events no longer match the node, and a stale hook for the same URL', async () => {
		const staticData: IDataObject = {};
		const parameters: INodeParameters = { provider: 'okta', registration: 'automatic', events: ['user.created'], options: {} };
		const host = await hostTrigger({ parameters, credentials: { oktaIdpApi: credentials }, credentialTypes: [new OktaIdpApi()], staticData });
		const run = (method: 'checkExists' | 'create' | 'delete', events: string[]) =>
			runHookMethod({ node: new IdpEventTrigger(), parameters: { ...parameters, events }, credentials: { oktaIdpApi: credentials }, credentialTypes: [new OktaIdpApi()], method, webhookUrl: host.url, staticData });
		try {
			await run('create', ['user.created']);
			expect(await run('checkExists', ['user.created', 'user.deleted'])).toBe(false);
			await run('create', ['user.created', 'user.deleted']);
			const hooks = [...okta.state.eventHooks.values()];
			expect(hooks).toHaveLength(1);
			expect(hooks[0].events.items.sort()).toEqual(['user.lifecycle.create', 'user.lifecycle.delete.initiated']);
		} finally {
			await host.close();
		}
	});

	it('fails activation with a clear message when Okta cannot verify the endpoint, leaving no hook behind', async () => {
		const staticData: IDataObject = {};
		const parameters: INodeParameters = { provider: 'okta', registration: 'automatic', events: ['user.created'], options: {} };
		const run = (method: 'create' | 'delete') =>
			runHookMethod({ node: new IdpEventTrigger(), parameters, credentials: { oktaIdpApi: credentials }, credentialTypes: [new OktaIdpApi()], method, webhookUrl: 'http://127.0.0.1:9/webhook/nothing-listens/events', staticData });
		await expect(run('create')).rejects.toThrow(/Verification of the event hook failed/);
		expect(await run('delete')).toBe(true);
		expect(okta.state.eventHooks.size).toBe(0);
	});

	it('does nothing at Okta in manual mode', async () => {
		const staticData: IDataObject = {};
		for (const method of ['checkExists', 'create', 'delete'] as const) {
			expect(await runHookMethod({ node: new IdpEventTrigger(), parameters: manual, credentials: { oktaIdpApi: credentials }, credentialTypes: [new OktaIdpApi()], method, webhookUrl: 'http://x/webhook/manual/events', staticData })).toBe(true);
		}
		expect(okta.requests).toHaveLength(0);
	});

	it('tests the credential with a cheap read and reports a bad token clearly', async () => {
		expect(await testCredential({ credentialType: new OktaIdpApi(), data: credentials })).toMatchObject({ status: 'OK' });
		const bad = await testCredential({ credentialType: new OktaIdpApi(), data: { ...credentials, apiToken: 'nope' } });
		expect(bad.status).toBe('Error');
	});
});
