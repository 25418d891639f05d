import { RSA_NOT_CREATED, RSA_NO_GROUPS } from '../../nodes/RsaSecurId/client/capabilities';
import { startFakeGraph, type FakeGraph } from '../../sandbox/graph/server';
import { startFakeRsa, type FakeRsa } from '../../sandbox/rsa/server';
import { loadSampleWorkflows, triggerWebhookPath, type SampleWorkflow } from '../../scripts/demo/samples';
import { executionItems, type N8nHandle } from '../../scripts/e2e/n8nInstance';
import { rsaCredentials } from '../rsa/helpers';
import { packagedN8n } from './helpers/packagedN8n';
import { credentialImports } from './helpers/sampleCredentials';

const SAMPLE = loadSampleWorkflows().find(({ file }) => file === 'entra-to-rsa-lifecycle-sync.json')
	?.workflow as SampleWorkflow;
const RSA_NODE = 'Apply to RSA SecurID';
const HIRE = 'new.hire@mail.acme.test';
const BYSTANDER = 'it.admin@acme.test';

/** A help-desk workflow beside the sample: a webhook that resets the RSA enrollment of the email it is given. */
const RESET_BY_WEBHOOK = {
	id: 'rsaResetWebhook1',
	name: 'Reset RSA SecurID enrollment (webhook)',
	nodes: [
		{
			id: 'f0e0d0c0-0000-4000-8000-000000000001',
			name: 'Reset Request',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: 'rsa-reset',
			parameters: { httpMethod: 'POST', path: 'rsa-reset', responseMode: 'lastNode', options: {} },
		},
		{
			id: 'f0e0d0c0-0000-4000-8000-000000000002',
			name: 'Reset Enrollment',
			type: 'n8n-nodes-idp-mfa-sync.rsaSecurId',
			typeVersion: 1,
			position: [240, 0],
			parameters: {
				resource: 'user',
				operation: 'resetEnrollment',
				user: { __rl: true, mode: 'username', value: '={{ $json.body.email }}' },
				options: {},
			},
			credentials: SAMPLE.nodes.find((node) => node.name === RSA_NODE)?.credentials,
		},
	],
	connections: { 'Reset Request': { main: [[{ node: 'Reset Enrollment', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

describe('Microsoft Entra ID → RSA SecurID sample in a real n8n 2.41.1', () => {
	let graph: FakeGraph;
	let rsa: FakeRsa;
	let n8n: N8nHandle;
	const packaged = packagedN8n();
	let hireId = '';

	const rsaUser = (email: string) => rsa.snapshot().users.find((user) => user.emailAddress === email);
	const lastName = (email: string) => [...rsa.state.users.values()].find((user) => user.emailAddress === email)?.lastName;

	/** Graph posts its queued notifications; returns what the RSA node output for the one execution they start. */
	async function flush() {
		const before = (await n8n.executions({ workflowId: SAMPLE.id })).length;
		const replies = await graph.flush();
		expect(replies.map(({ status }) => status)).toEqual([202]);
		const all = await n8n.waitForExecutions(SAMPLE.id, before + 1);
		expect(all.slice(before).map(({ status, mode }) => ({ status, mode }))).toEqual([{ status: 'success', mode: 'webhook' }]);
		return executionItems(all[all.length - 1], RSA_NODE).map((item) => item.json);
	}

	beforeAll(async () => {
		graph = await startFakeGraph();
		rsa = await startFakeRsa({
			seed: { users: [{ emailAddress: BYSTANDER, lastName: 'Admin', devices: [{ type: 'RSA_AUTHENTICATOR' }] }] },
		});
		const workflows = [SAMPLE, RESET_BY_WEBHOOK as unknown as SampleWorkflow];
		n8n = await packaged.start({
			label: 'entra-rsa.e2e',
			workflows,
			credentials: credentialImports(workflows, {
				entraIdpApi: {
					tenantId: graph.tenantId,
					clientId: graph.clientId,
					clientSecret: graph.clientSecret,
					graphBaseUrl: graph.graphUrl,
					loginBaseUrl: graph.loginUrl,
				},
				rsaSecurIdApi: rsaCredentials(rsa),
			}),
		});
	}, 600_000);

	afterAll(async () => {
		await packaged.stop();
		await graph?.close();
		await rsa?.close();
	});

	const bystander = () => rsaUser(BYSTANDER);
	let untouched: ReturnType<typeof bystander>;
	afterEach(() => expect(bystander()).toEqual(untouched));

	it('publishing subscribes to users and groups', async () => {
		untouched = bystander();
		await n8n.publish(SAMPLE.id);
		await n8n.publish(RESET_BY_WEBHOOK.id);
		const url = n8n.webhookUrl(triggerWebhookPath(SAMPLE));
		const resources = [...graph.subscriptions.values()].filter((s) => s.notificationUrl === url).map((s) => s.resource);
		expect(resources.sort()).toEqual(['/groups', '/users']);
	});

	it('a user created in Entra is not created in RSA, and the output says why', async () => {
		hireId = graph.createUser({
			userPrincipalName: 'new.hire@acme.test',
			mail: HIRE,
			givenName: 'New',
			surname: 'Hire',
			displayName: 'New Hire',
		}).id;
		expect(await flush()).toMatchObject([{ eventType: 'user.created', action: 'skipped', reason: RSA_NOT_CREATED }]);
		expect(rsaUser(HIRE)).toBeUndefined();
	});

	it('once the identity source synced the user, a profile change in Entra leaves the RSA profile alone', async () => {
		rsa.addUser({ emailAddress: HIRE, firstName: 'New', lastName: 'Hire', devices: [{ type: 'RSA_AUTHENTICATOR' }, { hardware: true }] });
		graph.updateUser(hireId, { surname: 'Hire-Smith', displayName: 'New Hire-Smith' });
		expect(await flush()).toMatchObject([{ eventType: 'user.updated', action: 'unchanged', username: HIRE }]);
		expect(lastName(HIRE)).toBe('Hire');
	});

	it('group changes are skipped with the reason, without a call to RSA', async () => {
		const calls = rsa.calls.length;
		const groupId = graph.createGroup({ displayName: 'MFA-Users' }).id;
		expect(await flush()).toMatchObject([{ eventType: 'group.created', action: 'skipped', reason: RSA_NO_GROUPS }]);
		graph.addMember(groupId, hireId);
		expect(await flush()).toMatchObject([{ eventType: 'group.member_added', action: 'skipped', reason: RSA_NO_GROUPS }]);
		graph.removeMember(groupId, hireId);
		expect(await flush()).toMatchObject([{ eventType: 'group.member_removed', action: 'skipped', reason: RSA_NO_GROUPS }]);
		expect(rsa.calls.length).toBe(calls);
	});

	it('accountEnabled false disables the RSA user; true enables it again', async () => {
		graph.updateUser(hireId, { accountEnabled: false });
		expect(await flush()).toMatchObject([{ eventType: 'user.suspended', action: 'disabled' }]);
		expect(rsaUser(HIRE)?.userStatus).toBe('Disabled');
		graph.updateUser(hireId, { accountEnabled: true });
		expect(await flush()).toMatchObject([{ eventType: 'user.reactivated', action: 'enabled' }]);
		expect(rsaUser(HIRE)?.userStatus).toBe('Enabled');
	});

	it('the help-desk webhook resets the enrollment: authenticators gone, the SecurID 700 token unassigned, the user kept', async () => {
		const response = await fetch(n8n.webhookUrl('rsa-reset'), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email: HIRE }),
		});
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({ action: 'reset', username: HIRE });
		expect(rsaUser(HIRE)).toMatchObject({ userStatus: 'Enabled', markDeleted: false, devices: [] });
	});

	it('a user deleted in Entra is deleted in RSA', async () => {
		graph.softDeleteUser(hireId);
		expect(await flush()).toMatchObject([{ eventType: 'user.deleted', action: 'deleted' }]);
		expect(rsaUser(HIRE)).toBeUndefined();
	});
});
