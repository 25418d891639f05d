import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { EntraIdpApi } from '../../credentials/EntraIdpApi.credentials';
import { IDENTITY_EVENT_TYPES } from '../../nodes/shared/model';
import { startFakeGraph, type FakeGraph } from '../../sandbox/graph/server';
import { n8nLogger } from '../harness/n8nContainer';
import { triggerBench } from '../helpers/triggerBench';
import type { HostedTrigger } from '../helpers/triggerHost';

const JANE = '00000000-1111-2222-3333-444444444444';
const JOHN = '4d147cc8-10cb-4158-ac52-90ee8ff9d846';
const GROUP = '0bc7d487-fd6f-41a0-8362-71ec81074f11';
const TEAM = '7a0f9a52-3d77-4c34-a3a8-2f3b2a1b9c10';
const LONG_AGO = '2024-01-15T08:00:00Z';
const clientState = ['manual', 'client', 'state'].join('-');

describe('Microsoft Entra ID classification after the acknowledgement', () => {
	let graph: FakeGraph;
	let credentials: ICredentialDataDecryptedObject;
	const { host, hook, webhook, closeHosts } = triggerBench({
		credentialName: 'entraIdpApi',
		credentialType: EntraIdpApi,
		credentials: () => credentials,
		workflowName: 'Entra classification',
	});
	const automatic: INodeParameters = { provider: 'entra', registration: 'automatic', events: [...IDENTITY_EVENT_TYPES], options: {} };
	const manual: INodeParameters = { ...automatic, registration: 'manual', options: { enrich: false } };

	beforeEach(async () => {
		graph = await startFakeGraph({
			users: [
				{ id: JANE, userPrincipalName: 'jane.doe@acme.test', accountEnabled: true, createdDateTime: LONG_AGO },
				{ id: JOHN, userPrincipalName: 'john.smith@acme.test', accountEnabled: true, createdDateTime: LONG_AGO },
			],
			groups: [
				{ id: GROUP, displayName: 'MFA-Users', createdDateTime: LONG_AGO, groupTypes: ['Unified'] },
				{ id: TEAM, displayName: 'Team', createdDateTime: LONG_AGO },
			],
			members: { [GROUP]: [JANE] },
		});
		credentials = {
			tenantId: graph.tenantId,
			clientId: graph.clientId,
			clientSecret: graph.clientSecret,
			clientStateSecret: clientState,
			graphBaseUrl: graph.graphUrl,
			loginBaseUrl: graph.loginUrl,
		};
	});
	afterEach(async () => {
		jest.restoreAllMocks();
		await closeHosts();
		await graph.close();
	});

	const activate = async () => {
		const staticData: IDataObject = {};
		const hosted = await host(automatic, staticData);
		await hook(automatic, staticData, hosted.url, 'create');
		return hosted;
	};
	const lastItems = (hosted: HostedTrigger) => hosted.emitted[hosted.emitted.length - 1] ?? [];
	const graphCalls = (pathPart: string) =>
		graph.requests.filter((r) => r.path.includes(pathPart)).map((r) => `${r.method} ${r.path} ${r.status}`);

	describe('deletions are confirmed in deleted items before they are emitted', () => {
		it('a single 404 for a user who still exists is no deletion: the generic update, marked failed', async () => {
			const hosted = await activate();
			graph.injectFaults({ status: 404, count: 1, method: 'GET', pathPrefix: `/v1.0/users/${JANE}` });
			graph.updateUser(JANE, { department: 'Sales' });
			await graph.flush();
			expect(lastItems(hosted)).toMatchObject([
				{
					type: 'user.updated',
					source: { eventType: 'users:updated' },
					user: { id: JANE },
					enrichment: { status: 'failed', message: expect.stringMatching(/404 .*not in deleted items.*not treated as a deletion/) },
				},
			]);
			expect(graphCalls(`/directory/deletedItems/${JANE}`)).toEqual([`GET /v1.0/directory/deletedItems/${JANE} 404`]);
		});

		it('a soft-deleted user is found in deleted items and becomes user.deleted', async () => {
			const hosted = await activate();
			const before = new Date().toISOString();
			graph.softDeleteUser(JOHN);
			await graph.flush();
			const deleted = lastItems(hosted).find((event) => event.type === 'user.deleted');
			expect(deleted).toMatchObject({
				source: { eventType: 'users:updated:gone' },
				user: { id: JOHN },
				enrichment: { status: 'not_found', observedAt: expect.any(String) },
			});
			const observedAt = String((deleted?.enrichment as IDataObject).observedAt);
			expect(observedAt >= before && observedAt <= new Date().toISOString()).toBe(true);
			expect(graphCalls(`/directory/deletedItems/${JOHN}`)).toEqual([`GET /v1.0/directory/deletedItems/${JOHN} 200`]);
		});

		it('a soft-deleted Microsoft 365 group becomes group.deleted; a group that only answers 404 is skipped with a warning', async () => {
			const hosted = await activate();
			const warn = jest.spyOn(n8nLogger(), 'warn');
			graph.softDeleteGroup(GROUP);
			await graph.flush();
			expect(lastItems(hosted)).toMatchObject([
				{ type: 'group.deleted', source: { eventType: 'groups:updated:gone' }, group: { id: GROUP, name: 'MFA-Users' } },
			]);
			const executions = hosted.emitted.length;
			graph.injectFaults({ status: 404, count: 1, method: 'GET', pathPrefix: `/v1.0/groups/${TEAM}` });
			graph.updateGroup(TEAM, { displayName: 'Team 2' });
			await graph.flush();
			expect(hosted.emitted).toHaveLength(executions);
			expect(warn.mock.calls.map(([message]) => message).join('\n')).toMatch(
				new RegExp(`skipped a change to Microsoft Entra group ${TEAM}: .*not in deleted items`),
			);
		});
	});

	it('marks events built from a read with the time the read was sent', async () => {
		const hosted = await activate();
		const before = new Date().toISOString();
		graph.updateUser(JANE, { accountEnabled: false });
		graph.updateGroup(TEAM, { displayName: 'Team Renamed' });
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
		const notification = () => ({
			value: [
				{
					subscriptionId: 'manual-subscription',
					clientState,
					changeType: 'updated',
					resource: `Users/${JANE}`,
					tenantId: graph.tenantId,
					resourceData: { '@odata.type': '#Microsoft.Graph.User', id: JANE },
				},
			],
		});
		const send = async () =>
			await webhook(manual, staticData, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(notification()),
			});
		graph.updateUser(JANE, { accountEnabled: false });
		const first = await send();
		graph.updateUser(JANE, { accountEnabled: true });
		const second = await send();
		expect([first.status, second.status]).toEqual([202, 202]);
		expect(JSON.parse(second.body)).toMatchObject({ emitted: 1, duplicates: 0 });
		expect([first, second].map((result) => result.workflowData?.[0].map((item) => item.json.type))).toEqual([
			['user.suspended'],
			['user.reactivated'],
		]);
	});
});
