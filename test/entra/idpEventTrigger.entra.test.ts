import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { EntraIdpApi } from '../../credentials/EntraIdpApi.credentials';
import { IDENTITY_EVENT_TYPES, type IdentityEventType } from '../../nodes/shared/model';
import type { EntraState } from '../../nodes/IdpEventTrigger/providers/entra/entra.state';
import { SUBSCRIPTION_LIFETIME_MS } from '../../nodes/IdpEventTrigger/providers/entra/entra.subscriptions';
import { startFakeGraph, type FakeGraph } from '../../sandbox/graph/server';
import { testCredential } from '../harness/engine';
import { n8nLogger } from '../harness/n8nContainer';
import { triggerBench } from '../helpers/triggerBench';
import type { HostedTrigger } from '../helpers/triggerHost';

const DAY = 24 * 60 * 60_000;
const JANE = '00000000-1111-2222-3333-444444444444';
const JOHN = '4d147cc8-10cb-4158-ac52-90ee8ff9d846';
const GROUP = '0bc7d487-fd6f-41a0-8362-71ec81074f11';
const LONG_AGO = '2024-01-15T08:00:00Z';
const manualState = ['manual', 'client', 'state'].join('-');

describe('IdP Event Trigger with Microsoft Entra ID, through n8n-core contexts and a fake Microsoft Graph over HTTP', () => {
	let graph: FakeGraph;
	let credentials: ICredentialDataDecryptedObject;
	const { host, hook, webhook, closeHosts } = triggerBench({
		credentialName: 'entraIdpApi',
		credentialType: EntraIdpApi,
		credentials: () => credentials,
		workflowName: 'Entra to Duo',
	});

	beforeEach(async () => {
		graph = await startFakeGraph({
			users: [
				{
					id: JANE,
					userPrincipalName: 'jane.doe@acme.test',
					givenName: 'Jane',
					surname: 'Doe',
					accountEnabled: true,
					createdDateTime: LONG_AGO,
					department: 'IT',
				},
				{
					id: JOHN,
					userPrincipalName: 'john.smith@acme.test',
					givenName: 'John',
					surname: 'Smith',
					accountEnabled: false,
					createdDateTime: LONG_AGO,
				},
			],
			groups: [{ id: GROUP, displayName: 'MFA-Users', createdDateTime: LONG_AGO }],
			members: { [GROUP]: [JANE] },
		});
		credentials = {
			tenantId: graph.tenantId,
			clientId: graph.clientId,
			clientSecret: graph.clientSecret,
			clientStateSecret: manualState,
			graphBaseUrl: graph.graphUrl,
			loginBaseUrl: graph.loginUrl,
		};
	});
	afterEach(async () => {
		jest.restoreAllMocks();
		await closeHosts();
		await graph.close();
	});

	const automatic = (
		events: IdentityEventType[] = [...IDENTITY_EVENT_TYPES],
		options: INodeParameters = {},
	): INodeParameters => ({
		provider: 'entra',
		registration: 'automatic',
		events,
		options,
	});
	const manual: INodeParameters = { ...automatic(), registration: 'manual' };
	const activate = async (parameters: INodeParameters) => {
		const staticData: IDataObject = {};
		const hosted = await host(parameters, staticData);
		expect(await hook(parameters, staticData, hosted.url, 'checkExists')).toBe(false);
		expect(await hook(parameters, staticData, hosted.url, 'create')).toBe(true);
		return { staticData, hosted, state: staticData as EntraState };
	};
	const subscriptionOf = (state: EntraState, kind: 'users' | 'groups') => {
		const record = state.graphSubscriptions?.find((s) => s.kind === kind);
		if (!record) throw new Error(`no ${kind} subscription`);
		return record;
	};
	const lastItems = (hosted: HostedTrigger) => hosted.emitted[hosted.emitted.length - 1] ?? [];
	/** A change notification about Jane, as Graph sends it to a subscription created by hand. */
	const janeUpdated = (fields: IDataObject) => ({
		clientState: manualState,
		changeType: 'updated',
		resource: `Users/${JANE}`,
		tenantId: graph.tenantId,
		resourceData: { '@odata.type': '#Microsoft.Graph.User', id: JANE },
		...fields,
	});

	it('subscribes to users and groups with a generated clientState, answering both validations, and unsubscribes', async () => {
		const { staticData, hosted, state } = await activate(automatic());
		const subscriptions = [...graph.subscriptions.values()];
		expect(subscriptions.map((s) => s.resource).sort()).toEqual(['/groups', '/users']);
		const clientState = String(subscriptions[0].clientState);
		for (const subscription of subscriptions) {
			expect(subscription).toMatchObject({
				changeType: 'updated,deleted',
				notificationUrl: hosted.url,
				lifecycleNotificationUrl: hosted.url,
				clientState,
			});
			expect(Date.parse(subscription.expirationDateTime) - Date.now()).toBeGreaterThan(28 * DAY);
		}
		expect(clientState).toMatch(/^[\w-]{43}$/);
		expect(JSON.stringify(staticData)).not.toContain(clientState);
		expect(graph.validations).toHaveLength(4);
		expect(graph.validations.every((v) => v.ok && v.contentType?.startsWith('text/plain'))).toBe(
			true,
		);
		expect(state.graphDirectory).toEqual({
			disabledUsers: { [JOHN]: 1 },
			groupNames: { [GROUP]: 'MFA-Users' },
			announced: {},
		});
		expect(hosted.emitted).toHaveLength(0);
		expect(await hook(automatic(), staticData, hosted.url, 'checkExists')).toBe(true);

		expect(await hook(automatic(), staticData, hosted.url, 'delete')).toBe(true);
		expect(graph.subscriptions.size).toBe(0);
		expect(state.graphSubscriptions).toBeUndefined();
		expect(staticData).not.toHaveProperty('secretTag');
	});

	it('tells created, suspended, reactivated, updated and deleted users apart', async () => {
		const { hosted } = await activate(automatic());
		const hire = graph.createUser({
			userPrincipalName: 'new.hire@acme.test',
			givenName: 'New',
			surname: 'Hire',
		});
		const [delivery] = await graph.flush();
		expect(delivery.status).toBe(202);
		expect(lastItems(hosted)).toMatchObject([
			{
				type: 'user.created',
				source: { eventType: 'users:updated:created' },
				user: { id: hire.id, login: 'new.hire@acme.test', givenName: 'New', status: 'active' },
				enrichment: { status: 'enriched' },
			},
		]);

		graph.updateUser(hire.id, { jobTitle: 'Engineer' });
		graph.updateUser(JANE, { accountEnabled: false });
		graph.updateUser(JOHN, { accountEnabled: true });
		await graph.flush();
		expect(lastItems(hosted).map((e) => [e.type, (e.user as IDataObject).id])).toEqual([
			['user.updated', hire.id],
			['user.suspended', JANE],
			['user.reactivated', JOHN],
		]);
		expect(lastItems(hosted)[1]).toMatchObject({
			user: { status: 'suspended', attributes: { department: 'IT' } },
		});

		graph.updateUser(JANE, { department: 'Finance' });
		graph.softDeleteUser(JOHN);
		graph.hardDeleteUser(hire.id);
		await graph.flush();
		expect(lastItems(hosted)).toMatchObject([
			{
				type: 'user.updated',
				user: { id: JANE, status: 'suspended', attributes: { department: 'Finance' } },
			},
			{
				type: 'user.deleted',
				source: { eventType: 'users:updated:gone' },
				user: { id: JOHN },
				enrichment: { status: 'not_found' },
			},
			{ type: 'user.deleted', source: { eventType: 'users:deleted' }, user: { id: hire.id } },
		]);
	});

	it('reports group creation, renaming, deletion and membership from members@delta', async () => {
		const { hosted } = await activate(automatic());
		graph.addMember(GROUP, JOHN);
		graph.removeMember(GROUP, JANE);
		graph.updateGroup(GROUP, { displayName: 'MFA-Everyone' });
		await graph.flush();
		expect(lastItems(hosted)).toMatchObject([
			{
				type: 'group.member_added',
				user: { id: JOHN, login: 'john.smith@acme.test' },
				group: { id: GROUP, name: 'MFA-Users' },
			},
			{ type: 'group.member_removed', user: { id: JANE }, group: { id: GROUP, name: 'MFA-Users' } },
			{
				type: 'group.renamed',
				group: { id: GROUP, name: 'MFA-Everyone', previousName: 'MFA-Users' },
			},
		]);
		const created = graph.createGroup({ displayName: 'Contractors' });
		graph.updateGroup(GROUP, { description: 'only the description' });
		await graph.flush();
		expect(lastItems(hosted)).toMatchObject([
			{ type: 'group.created', group: { id: created.id, name: 'Contractors' } },
		]);
		graph.deleteGroup(GROUP);
		await graph.flush();
		expect(lastItems(hosted)).toMatchObject([
			{ type: 'group.deleted', group: { id: GROUP, name: 'MFA-Everyone' } },
		]);
	});

	it('subscribes only to what Trigger On needs, and refuses a selection Graph cannot serve', async () => {
		await activate(automatic(['user.suspended', 'user.reactivated']));
		expect([...graph.subscriptions.values()].map((s) => s.resource)).toEqual(['/users']);
		await expect(
			hook(automatic(['sync.events_missed']), {}, 'http://127.0.0.1:9/webhook/x/events', 'create'),
		).rejects.toThrow(/Microsoft Entra ID sends change notifications for users and groups only/);
	});

	it('emits only the selected types once provisional events are classified', async () => {
		const { hosted } = await activate(automatic(['user.suspended']));
		graph.updateUser(JANE, { department: 'Sales' });
		await graph.flush();
		expect(hosted.emitted).toHaveLength(0);
		graph.updateUser(JANE, { accountEnabled: false });
		await graph.flush();
		expect(hosted.emitted.map((items) => items.map((e) => e.type))).toEqual([['user.suspended']]);
	});

	it('replaces subscriptions when Trigger On needs other resources or Graph lost one', async () => {
		const { staticData, hosted, state } = await activate(automatic(['user.created']));
		expect(
			await hook(
				automatic(['user.created', 'group.member_added']),
				staticData,
				hosted.url,
				'checkExists',
			),
		).toBe(false);
		await hook(automatic(['user.created', 'group.member_added']), staticData, hosted.url, 'create');
		expect([...graph.subscriptions.values()].map((s) => s.resource).sort()).toEqual([
			'/groups',
			'/users',
		]);
		graph.subscriptions.delete(subscriptionOf(state, 'groups').id);
		expect(
			await hook(
				automatic(['user.created', 'group.member_added']),
				staticData,
				hosted.url,
				'checkExists',
			),
		).toBe(false);
	});

	it('fails activation clearly when Graph cannot validate the URL, leaving no subscription behind', async () => {
		const staticData: IDataObject = {};
		await expect(
			hook(automatic(), staticData, 'http://127.0.0.1:9/webhook/nothing-listens/events', 'create'),
		).rejects.toThrow(/Microsoft Graph: Subscription validation request failed/);
		expect(graph.subscriptions.size).toBe(0);
		expect(staticData).toEqual({});
	});

	it('removes the users subscription again when the groups one is refused', async () => {
		await graph.close();
		graph = await startFakeGraph({ permissions: ['User.Read.All'] });
		credentials = {
			...credentials,
			graphBaseUrl: graph.graphUrl,
			loginBaseUrl: graph.loginUrl,
			tenantId: graph.tenantId,
			clientId: graph.clientId,
			clientSecret: graph.clientSecret,
		};
		const staticData: IDataObject = {};
		const hosted = await host(automatic(), staticData);
		await expect(hook(automatic(), staticData, hosted.url, 'create')).rejects.toThrow(
			/needs Group\.Read\.All/,
		);
		expect(graph.subscriptions.size).toBe(0);
		expect(staticData).toEqual({});
	});

	it('renews a subscription past half its lifetime when a notification arrives, and on activation checks', async () => {
		const { staticData, hosted, state } = await activate(automatic());
		const users = subscriptionOf(state, 'users');
		const groups = subscriptionOf(state, 'groups');
		const soon = new Date(Date.now() + 2 * DAY).toISOString();
		graph.setExpiration(users.id, soon);
		graph.updateUser(JANE, { department: 'Sales' });
		await graph.flush();
		const renewed = Date.parse(graph.subscriptions.get(users.id)?.expirationDateTime ?? '');
		expect(renewed - Date.now()).toBeGreaterThan(SUBSCRIPTION_LIFETIME_MS - 60_000);
		expect(Date.parse(users.expiresAt)).toBe(renewed);
		expect(graph.requests.filter((r) => r.method === 'PATCH').map((r) => r.path)).toEqual([
			`/v1.0/subscriptions/${users.id}`,
		]);

		graph.setExpiration(groups.id, soon);
		expect(await hook(automatic(), staticData, hosted.url, 'checkExists')).toBe(true);
		expect(
			Date.parse(graph.subscriptions.get(groups.id)?.expirationDateTime ?? '') - Date.now(),
		).toBeGreaterThan(28 * DAY);
		expect(graph.requests.filter((r) => r.method === 'PATCH')).toHaveLength(2);
	});

	it('still emits the events when a renewal fails, and retries the renewal with the next delivery', async () => {
		const { hosted, state } = await activate(automatic());
		const users = subscriptionOf(state, 'users');
		graph.setExpiration(users.id, new Date(Date.now() + DAY).toISOString());
		graph.injectFaults({ status: 500, method: 'PATCH', pathPrefix: '/v1.0/subscriptions/' });
		graph.updateUser(JANE, { accountEnabled: false });
		await graph.flush();
		expect(lastItems(hosted)).toMatchObject([{ type: 'user.suspended' }]);
		expect(graph.requests.filter((r) => r.method === 'PATCH').map((r) => r.status)).toEqual([500]);
		graph.updateUser(JANE, { department: 'Sales' });
		await graph.flush();
		expect(graph.requests.filter((r) => r.method === 'PATCH').map((r) => r.status)).toEqual([
			500, 200,
		]);
	});

	it('does not renew a fresh subscription on every notification', async () => {
		await activate(automatic());
		graph.updateUser(JANE, { department: 'Sales' });
		await graph.flush();
		expect(graph.requests.filter((r) => r.method === 'PATCH')).toHaveLength(0);
	});

	it('answers reauthorizationRequired by reauthorizing, without starting an execution', async () => {
		const { hosted, state } = await activate(automatic());
		const users = subscriptionOf(state, 'users');
		const reply = await graph.lifecycle(users.id, 'reauthorizationRequired');
		expect(reply.status).toBe(202);
		expect(graph.subscriptions.get(users.id)?.reauthorizationNeeded).toBe(false);
		expect(
			graph.requests.filter((r) => r.path.endsWith('/reauthorize')).map((r) => [r.path, r.status]),
		).toEqual([[`/v1.0/subscriptions/${users.id}/reauthorize`, 204]]);
		expect(hosted.emitted).toHaveLength(0);
	});

	it('recreates a subscription Graph removed and emits sync.events_missed for a reconcile', async () => {
		const { hosted, state } = await activate(automatic());
		const removedId = subscriptionOf(state, 'groups').id;
		const { clientState } = graph.subscriptions.get(removedId) ?? {};
		await graph.lifecycle(removedId, 'subscriptionRemoved');
		const recreated = subscriptionOf(state, 'groups');
		expect(recreated.id).not.toBe(removedId);
		expect(graph.subscriptions.get(recreated.id)).toMatchObject({
			resource: '/groups',
			clientState,
			notificationUrl: hosted.url,
		});
		expect(lastItems(hosted)).toMatchObject([
			{
				type: 'sync.events_missed',
				notice: { reason: 'subscriptionRemoved', resource: '/groups', subscriptionId: removedId },
				source: { idp: 'entra', tenant: graph.tenantId },
			},
		]);
		graph.addMember(GROUP, JOHN);
		await graph.flush();
		expect(lastItems(hosted)).toMatchObject([{ type: 'group.member_added' }]);
	});

	it('emits sync.events_missed when Graph reports missed notifications', async () => {
		const { hosted, state } = await activate(automatic());
		await graph.lifecycle(subscriptionOf(state, 'users').id, 'missed');
		expect(lastItems(hosted)).toMatchObject([
			{ type: 'sync.events_missed', notice: { reason: 'missed', resource: '/users' } },
		]);
	});

	it('rejects notifications with a wrong clientState, starting nothing', async () => {
		const { hosted, state } = await activate(automatic());
		const users = subscriptionOf(state, 'users');
		graph.updateUser(JANE, { accountEnabled: false });
		const forged = {
			value: graph.queued
				.splice(0)
				.map(({ notification }) => ({ ...notification, clientState: 'guessed-state' })),
		};
		const reply = await graph.deliver(users.id, forged);
		expect(reply.status).toBe(401);
		expect(hosted.emitted).toHaveLength(0);
	});

	it('works with a subscription created by hand (manual registration), renewing it from its notifications', async () => {
		const staticData: IDataObject = {};
		const hosted = await host(manual, staticData);
		for (const method of ['checkExists', 'create', 'delete'] as const)
			expect(await hook(manual, staticData, hosted.url, method)).toBe(true);
		expect(graph.requests).toHaveLength(0);
		const created = await graph.subscribe({
			changeType: 'updated,deleted',
			notificationUrl: hosted.url,
			resource: '/users',
			expirationDateTime: new Date(Date.now() + 3 * DAY).toISOString(),
			clientState: manualState,
		});
		expect(created.status).toBe(201);
		graph.updateUser(JOHN, { accountEnabled: true });
		await graph.flush();
		expect(lastItems(hosted)).toMatchObject([
			{ type: 'user.updated', user: { id: JOHN, status: 'active' } },
		]);
		expect(
			Date.parse(graph.subscriptions.get(String(created.body.id))?.expirationDateTime ?? '') -
				Date.now(),
		).toBeGreaterThan(28 * DAY);
	});

	it('adds groups on request, fetches one token per execution, and waits out throttling', async () => {
		const staticData: IDataObject = {};
		const parameters = { ...manual, options: { includeGroups: true } };
		await host(parameters, staticData);
		graph.injectFaults({ status: 429, pathPrefix: `/v1.0/users/${JANE}/memberOf`, retryAfter: 1 });
		const body = JSON.stringify({
			value: [
				{
					id: 'n1',
					subscriptionId: 's1',
					clientState: manualState,
					changeType: 'updated',
					resource: `Groups/${GROUP}`,
					tenantId: graph.tenantId,
					resourceData: {
						'@odata.type': '#Microsoft.Graph.Group',
						id: GROUP,
						'members@delta': [{ id: JANE }],
					},
				},
				janeUpdated({ id: 'n2', subscriptionId: 's2' }),
			],
		});
		const result = await webhook(parameters, staticData, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body,
		});
		expect(result.status).toBe(202);
		const items = (result.workflowData?.[0] ?? []).map((item) => item.json);
		expect(items).toMatchObject([
			{
				type: 'group.member_added',
				user: { id: JANE, login: 'jane.doe@acme.test', groups: [{ id: GROUP, name: 'MFA-Users' }] },
				enrichment: { status: 'enriched' },
			},
			{
				type: 'user.updated',
				user: { id: JANE, groups: [{ id: GROUP, name: 'MFA-Users' }] },
				enrichment: { status: 'enriched' },
			},
		]);
		expect(graph.tokensIssued).toBe(1);
		expect(graph.requests.filter((r) => r.path.includes('/memberOf')).map((r) => r.status)).toEqual(
			[429, 200],
		);
		expect(graph.requests.filter((r) => r.path === `/v1.0/users/${JANE}`)).toHaveLength(2);
	});

	it('still classifies when enrichment is off, and says the user was read', async () => {
		const { hosted } = await activate(automatic(undefined, { enrich: false }));
		graph.updateUser(JANE, { accountEnabled: false });
		await graph.flush();
		expect(lastItems(hosted)).toMatchObject([
			{
				type: 'user.suspended',
				user: { id: JANE, status: 'suspended' },
				enrichment: { status: 'enriched', observedAt: expect.any(String) },
			},
		]);
		graph.addMember(GROUP, JOHN);
		await graph.flush();
		expect(lastItems(hosted)).toMatchObject([{ type: 'group.member_added', enrichment: { status: 'off' } }]);
	});

	describe('deletions are confirmed in deleted items before they are emitted', () => {
		const graphCalls = (pathPart: string) =>
			graph.requests.filter((r) => r.path.includes(pathPart)).map((r) => `${r.method} ${r.path} ${r.status}`);

		it('a single 404 for a user who still exists is no deletion: the generic update, marked failed', async () => {
			const { hosted } = await activate(automatic());
			graph.injectFaults({ status: 404, count: 1, method: 'GET', pathPrefix: `/v1.0/users/${JANE}` });
			graph.updateUser(JANE, { department: 'Sales' });
			await graph.flush();
			expect(lastItems(hosted)).toMatchObject([
				{
					type: 'user.updated',
					source: { eventType: 'users:updated' },
					user: { id: JANE },
					enrichment: {
						status: 'failed',
						message: expect.stringMatching(/404 .*not in deleted items.*not treated as a deletion/),
					},
				},
			]);
			expect(graphCalls(`/directory/deletedItems/${JANE}`)).toEqual([
				`GET /v1.0/directory/deletedItems/${JANE} 404`,
			]);
		});

		it('a soft-deleted user is found in deleted items and becomes user.deleted, read when the lookup was sent', async () => {
			const { hosted } = await activate(automatic());
			const before = new Date().toISOString();
			graph.softDeleteUser(JOHN);
			await graph.flush();
			const deleted = lastItems(hosted).find((event) => event.type === 'user.deleted');
			expect(deleted).toMatchObject({
				source: { eventType: 'users:updated:gone' },
				user: { id: JOHN },
				enrichment: { status: 'not_found', observedAt: expect.any(String) },
			});
			const { observedAt } = deleted?.enrichment as { observedAt: string };
			expect(observedAt >= before && observedAt <= new Date().toISOString()).toBe(true);
			expect(graphCalls(`/directory/deletedItems/${JOHN}`)).toEqual([
				`GET /v1.0/directory/deletedItems/${JOHN} 200`,
			]);
		});

		it('a group that only answers 404 is skipped with a warning; a soft-deleted Microsoft 365 group becomes group.deleted', async () => {
			const { hosted } = await activate(automatic());
			const warn = jest.spyOn(n8nLogger(), 'warn');
			graph.injectFaults({ status: 404, count: 1, method: 'GET', pathPrefix: `/v1.0/groups/${GROUP}` });
			graph.updateGroup(GROUP, { displayName: 'MFA-Everyone' });
			await graph.flush();
			expect(hosted.emitted).toHaveLength(0);
			expect(warn.mock.calls.map(([message]) => message).join('\n')).toMatch(
				new RegExp(`skipped a change to Microsoft Entra group ${GROUP}: .*not in deleted items`),
			);
			graph.softDeleteGroup(GROUP);
			await graph.flush();
			expect(lastItems(hosted)).toMatchObject([
				{ type: 'group.deleted', source: { eventType: 'groups:updated:gone' }, group: { id: GROUP, name: 'MFA-Users' } },
			]);
		});
	});

	it('marks events built from a read with the time the read was sent', async () => {
		const { hosted } = await activate(automatic());
		const before = new Date().toISOString();
		graph.updateUser(JANE, { accountEnabled: false });
		graph.updateGroup(GROUP, { displayName: 'MFA-Everyone' });
		await graph.flush();
		const after = new Date().toISOString();
		const items = lastItems(hosted);
		expect(items.map((event) => event.type)).toEqual(['user.suspended', 'group.renamed']);
		for (const event of items) {
			const { observedAt } = event.enrichment as { observedAt?: string };
			expect(observedAt !== undefined && observedAt >= before && observedAt <= after).toBe(true);
		}
	});

	it('does not suppress a second change in the same minute when Graph sent the notifications without ids', async () => {
		const staticData: IDataObject = {};
		const send = async () =>
			await webhook(manual, staticData, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ value: [janeUpdated({ subscriptionId: 'manual-subscription' })] }),
			});
		graph.updateUser(JANE, { accountEnabled: false });
		const first = await send();
		graph.updateUser(JANE, { accountEnabled: true });
		const second = await send();
		expect(JSON.parse(second.body)).toMatchObject({ emitted: 1, duplicates: 0 });
		expect([first, second].map((result) => result.workflowData?.[0].map((item) => item.json.type))).toEqual([
			['user.suspended'],
			['user.reactivated'],
		]);
	});

	it('tests the credential with a client-credentials token request', async () => {
		expect(
			await testCredential({ credentialType: new EntraIdpApi(), data: credentials }),
		).toMatchObject({ status: 'OK' });
		const wrongSecret = await testCredential({
			credentialType: new EntraIdpApi(),
			data: { ...credentials, clientSecret: 'nope' },
		});
		expect(wrongSecret.status).toBe('Error');
		const wrongTenant = await testCredential({
			credentialType: new EntraIdpApi(),
			data: { ...credentials, tenantId: 'other-tenant' },
		});
		expect(wrongTenant.status).toBe('Error');
	});
});
