import { sleep } from 'n8n-workflow';

import { IdentityEventSchema } from '../../nodes/shared/model';
import { startFakeDuo, type FakeDuo, type FakeDuoSnapshotUser } from '../../sandbox/duo/server';
import { startFakeGraph, type FakeGraph } from '../../sandbox/graph/server';
import {
	loadSampleWorkflows,
	triggerWebhookPath,
	type SampleWorkflow,
} from '../../scripts/demo/samples';
import { executionItems, type N8nExecution, type N8nHandle } from '../../scripts/e2e/n8nInstance';
import { oneWritingExecution } from './helpers/oneExecution';
import { duoUser, existingDuoUser, anchorOf } from './helpers/fakeDuoState';
import { packagedN8n } from './helpers/packagedN8n';
import { credentialImports, duoApiCredential } from './helpers/sampleCredentials';

const SAMPLES = loadSampleWorkflows().map(({ workflow }) => workflow);
const ENTRA = SAMPLES.find((workflow) => workflow.id === 'entraDuoLifecycle01') as SampleWorkflow;
const TRIGGER_NODE = 'IdP Event Trigger';
const BYSTANDER = 'breakglass.admin';
const HIRE = 'new.hire@acme.test';

describe('Microsoft Entra ID → Duo sample in a real n8n 2.41.1', () => {
	let graph: FakeGraph;
	let duo: FakeDuo;
	let n8n: N8nHandle;
	const packaged = packagedN8n();
	let bystander: FakeDuoSnapshotUser | undefined;
	let hireId = '';
	let groupId = '';
	let duoHireId = '';

	beforeAll(async () => {
		graph = await startFakeGraph();
		duo = await startFakeDuo({
			seed: {
				users: [
					{
						user_id: 'DUBREAKGLASS00000001',
						username: BYSTANDER,
						phones: [{ phone_id: 'DPBREAKGLASS00000001', number: '+15555550100' }],
					},
				],
			},
		});
		bystander = duoUser(duo, BYSTANDER);
		n8n = await packaged.start({
			label: 'entra-duo.e2e',
			workflows: SAMPLES,
			credentials: credentialImports(SAMPLES, {
				entraIdpApi: {
					tenantId: graph.tenantId,
					clientId: graph.clientId,
					clientSecret: graph.clientSecret,
					graphBaseUrl: graph.graphUrl,
					loginBaseUrl: graph.loginUrl,
				},
				duoAdminApi: duoApiCredential(duo),
			}),
		});
	}, 600_000);

	afterAll(async () => {
		await packaged.stop();
		await graph?.close();
		await duo?.close();
	});

	const notificationUrl = () => n8n.webhookUrl(triggerWebhookPath(ENTRA));
	const subscriptions = () =>
		[...graph.subscriptions.values()].filter((s) => s.notificationUrl === notificationUrl());
	const hire = () => existingDuoUser(duo, HIRE);

	/** Graph posts the queued notifications; returns the one execution they started. */
	async function flush(): Promise<N8nExecution> {
		return await oneWritingExecution(n8n, ENTRA.id, duo, async () => {
			const replies = await graph.flush();
			expect(replies.map(({ status }) => status)).toEqual([202]);
		});
	}
	const eventTypes = (execution: N8nExecution) =>
		executionItems(execution, TRIGGER_NODE).map(
			(item) => IdentityEventSchema.parse(item.json).type,
		);

	afterEach(() => expect(duoUser(duo, BYSTANDER)).toEqual(bystander));

	it('publishing creates the users and groups subscriptions, validated by calling n8n back', async () => {
		await n8n.publish(ENTRA.id);
		expect(
			subscriptions()
				.map((s) => s.resource)
				.sort(),
		).toEqual(['/groups', '/users']);
		for (const subscription of subscriptions()) {
			expect(subscription).toMatchObject({
				changeType: 'updated,deleted',
				lifecycleNotificationUrl: notificationUrl(),
				clientState: expect.stringMatching(/^[\w-]{43}$/),
			});
		}
		const toN8n = graph.validations.filter((v) => v.url.startsWith(notificationUrl()));
		expect(toN8n.length).toBeGreaterThanOrEqual(2);
		expect(
			toN8n.every((v) => v.ok && v.status === 200 && v.contentType?.startsWith('text/plain')),
		).toBe(true);
	});

	it('a user created in Entra becomes a Duo user named by its userPrincipalName', async () => {
		hireId = graph.createUser({
			userPrincipalName: HIRE,
			mail: 'new.hire@mail.acme.test',
			givenName: 'New',
			surname: 'Hire',
			displayName: 'New Hire',
		}).id;
		expect(eventTypes(await flush())).toEqual(['user.created']);
		expect(hire()).toMatchObject({
			firstname: 'New',
			lastname: 'Hire',
			realname: 'New Hire',
			email: 'new.hire@mail.acme.test',
			status: 'active',
			aliases: { alias1: anchorOf('entra', hireId) },
		});
		duoHireId = hire().user_id;
	});

	it('a profile change updates the same Duo user', async () => {
		graph.updateUser(hireId, { surname: 'Hire-Smith', displayName: 'New Hire-Smith' });
		expect(eventTypes(await flush())).toEqual(['user.updated']);
		expect(hire()).toMatchObject({
			user_id: duoHireId,
			lastname: 'Hire-Smith',
			realname: 'New Hire-Smith',
		});
	});

	it('accountEnabled false disables the Duo user; true enables it again', async () => {
		graph.updateUser(hireId, { accountEnabled: false });
		expect(eventTypes(await flush())).toEqual(['user.suspended']);
		expect(hire().status).toBe('disabled');
		graph.updateUser(hireId, { accountEnabled: true });
		expect(eventTypes(await flush())).toEqual(['user.reactivated']);
		expect(hire().status).toBe('active');
	});

	it('a group created in Entra becomes a Duo group', async () => {
		groupId = graph.createGroup({ displayName: 'MFA-Users' }).id;
		expect(eventTypes(await flush())).toEqual(['group.created']);
		expect(duo.snapshot().groups.map((group) => group.name)).toEqual(['MFA-Users']);
	});

	it('a member added (members@delta) joins the Duo group', async () => {
		graph.addMember(groupId, hireId);
		expect(eventTypes(await flush())).toEqual(['group.member_added']);
		expect(hire().groupNames).toEqual(['MFA-Users']);
	});

	it('a member removed leaves the Duo group; the group stays', async () => {
		graph.removeMember(groupId, hireId);
		expect(eventTypes(await flush())).toEqual(['group.member_removed']);
		expect(hire().groupNames).toEqual([]);
		expect(duo.snapshot().groups.map((group) => group.name)).toEqual(['MFA-Users']);
	});

	it('a notification with a wrong clientState is rejected and changes nothing', async () => {
		const before = (await n8n.executions({ workflowId: ENTRA.id })).length;
		const writes = duo.counts().writes;
		graph.updateUser(hireId, { accountEnabled: false });
		const queued = graph.queued.splice(0);
		expect(queued.length).toBeGreaterThan(0);
		const reply = await graph.deliver(queued[0].subscriptionId, {
			value: queued.map(({ notification }) => ({ ...notification, clientState: 'guessed-state' })),
		});
		expect(reply.status).toBe(401);
		await sleep(1500);
		expect(await n8n.executions({ workflowId: ENTRA.id })).toHaveLength(before);
		expect(duo.counts().writes).toBe(writes);
		expect(hire().status).toBe('active');
		graph.updateUser(hireId, { accountEnabled: true });
		graph.queued.splice(0);
	});

	it('a deleted user is deleted in Duo', async () => {
		graph.softDeleteUser(hireId);
		expect(eventTypes(await flush())).toEqual(['user.deleted']);
		expect(duoUser(duo, HIRE)).toBeUndefined();
		expect(duo.snapshot().trash).toEqual([HIRE]);
	});

	it('unpublishing deletes the subscriptions', async () => {
		await n8n.unpublish(ENTRA.id);
		expect(subscriptions()).toHaveLength(0);
		expect(graph.subscriptions.size).toBe(0);
	});
});
