import type { IDataObject } from 'n8n-workflow';

import { startFakeGraph, type FakeGraph } from '../../sandbox/graph/server';
import { entraFixture } from '../entra/support/fixtures';
import { runWebhook } from '../harness/engine';
import { n8nLogger } from '../harness/n8nContainer';
import { oktaFixture } from '../helpers/oktaFixtures';
import { deliverTo, triggerSource } from '../helpers/triggerSources';
import { IdpEventTrigger } from '../../nodes/IdpEventTrigger/IdpEventTrigger.node';

const okta = triggerSource('okta');
const entra = triggerSource('entra');
const JANE = '00000000-1111-2222-3333-444444444444';

/** n8n saves static data after a webhook call only when the node changed it. */
describe('what an accepted delivery writes to static data', () => {
	beforeEach(() => {
		jest.spyOn(n8nLogger(), 'info').mockImplementation(() => undefined);
		jest.spyOn(n8nLogger(), 'warn').mockImplementation(() => undefined);
	});
	afterEach(() => jest.restoreAllMocks());

	const deliverOkta = async (staticData: IDataObject, body: unknown, events?: string[]) =>
		await deliverTo(okta, {
			parameters: events ? { events } : {},
			staticData,
			request: okta.request(body, okta.manualSecret),
		});

	it('is nothing for a delivery that emits nothing (unselected or unknown events only)', async () => {
		const staticData: IDataObject = {};
		const unselected = await deliverOkta(staticData, oktaFixture('user.lifecycle.create'), ['group.created']);
		const unknown = await deliverOkta(staticData, oktaFixture('user.session.start.unmapped'));
		expect([unselected.status, unknown.status]).toEqual([200, 200]);
		expect([unselected.staticDataChanged, unknown.staticDataChanged]).toEqual([false, false]);
		expect(staticData).toEqual({});
	});

	it('is nothing for a delivery of duplicates only', async () => {
		const staticData: IDataObject = {};
		expect((await deliverOkta(staticData, oktaFixture('user.lifecycle.create'))).staticDataChanged).toBe(true);
		const before = JSON.stringify(staticData);
		const again = await deliverOkta(staticData, oktaFixture('user.lifecycle.create'));
		expect(JSON.parse(again.body)).toMatchObject({ emitted: 0, duplicates: 1 });
		expect(again.staticDataChanged).toBe(false);
		expect(JSON.stringify(staticData)).toBe(before);
	});

	it('is the emitted ids, in the duplicate window only', async () => {
		const delivery = oktaFixture('user.lifecycle.create');
		const staticData: IDataObject = { hookId: 'h1', secretTag: '0123456789abcdef', seenEvents: { ids: { older: Date.now() - 1000 } } };
		const result = await deliverOkta(staticData, delivery);
		expect(result.staticDataChanged).toBe(true);
		expect(staticData).toEqual({
			hookId: 'h1',
			secretTag: '0123456789abcdef',
			seenEvents: { ids: { older: expect.any(Number), [delivery.data.events[0].uuid]: expect.any(Number) } },
		});
	});

	it('is nothing for a handshake', async () => {
		const staticData: IDataObject = {};
		const result = await runWebhook({
			node: new IdpEventTrigger(),
			parameters: { provider: 'okta', registration: 'manual', events: ['user.created'], options: {} },
			credentials: { oktaIdpApi: okta.credentials() },
			credentialTypes: [new okta.credentialType()],
			webhookName: 'setup',
			request: { method: 'GET', headers: { 'x-okta-verification-challenge': 'c1' } },
			staticData,
		});
		expect([result.status, result.staticDataChanged, staticData]).toEqual([200, false, {}]);
	});

	describe('with Microsoft Entra ID, whose classification remembers the directory', () => {
		let graph: FakeGraph;
		beforeEach(async () => {
			graph = await startFakeGraph({
				tenantId: 'aaaabbbb-0000-cccc-1111-dddd2222eeee',
				clientId: 'c',
				clientSecret: 's',
				users: [{ id: JANE, userPrincipalName: 'jane.doe@acme.test', accountEnabled: true, createdDateTime: '2024-01-15T08:00:00Z' }],
			});
		});
		afterEach(async () => await graph.close());

		const deliverEntra = async (staticData: IDataObject) =>
			await deliverTo(entra, {
				parameters: { options: { enrich: false, dedupeWindowMinutes: 0 } },
				credentials: entra.credentials(graph.loginUrl),
				staticData,
				request: entra.request(entraFixture('users.updated'), entra.manualSecret),
			});

		it('is nothing when the classified user holds no news for that memory', async () => {
			const staticData: IDataObject = {};
			const result = await deliverEntra(staticData);
			expect(result.workflowData?.[0].map((item) => item.json.type)).toEqual(['user.updated']);
			expect([result.staticDataChanged, staticData]).toEqual([false, {}]);
		});

		it('is the directory memory when a user was disabled', async () => {
			graph.directory.users.get(JANE)!.accountEnabled = false;
			const staticData: IDataObject = {};
			const result = await deliverEntra(staticData);
			expect(result.workflowData?.[0].map((item) => item.json.type)).toEqual(['user.suspended']);
			expect(result.staticDataChanged).toBe(true);
			expect(staticData).toEqual({ graphDirectory: { disabledUsers: { [JANE]: 1 }, groupNames: {}, announced: {} } });
		});
	});
});
