import { startFakeGraph, type FakeGraph } from '../../sandbox/graph/server';
import { startFakeOkta, type FakeOkta } from '../../sandbox/okta/server';
import { loadSampleWorkflows, type SampleWorkflow } from '../../scripts/demo/samples';
import type { N8nExecution, N8nHandle } from '../../scripts/e2e/n8nInstance';
import { oktaGroupNames, oktaMfaCredentials, oktaUserByLogin } from '../oktaMfa/helpers';
import { oneWritingExecution } from './helpers/oneExecution';
import { packagedN8n } from './helpers/packagedN8n';
import { credentialImports } from './helpers/sampleCredentials';

const SAMPLE = loadSampleWorkflows().find(({ file }) => file === 'entra-to-okta-mfa-sync.json')?.workflow as SampleWorkflow;
const HIRE = 'new.hire@acme.test';
const HELPDESK_SECRET = 'helpdesk-e2e-secret-0123456789';
const BYSTANDER = { id: '00uBREAKGLASS0000001', profile: { login: 'breakglass@acme.test', email: 'it@acme.test', firstName: 'Break', lastName: 'Glass' } };

describe('Entra ID → Okta MFA sample in a real n8n 2.41.1', () => {
	const packaged = packagedN8n();
	let graph: FakeGraph;
	let okta: FakeOkta;
	let n8n: N8nHandle;
	let hireId = '';
	let groupId = '';

	beforeAll(async () => {
		graph = await startFakeGraph();
		okta = await startFakeOkta({ users: [{ ...BYSTANDER, factors: [{ factorType: 'push' }] }] });
		n8n = await packaged.start({
			label: 'entra-okta-mfa.e2e',
			workflows: [SAMPLE],
			credentials: credentialImports([SAMPLE], {
				entraIdpApi: {
					tenantId: graph.tenantId,
					clientId: graph.clientId,
					clientSecret: graph.clientSecret,
					graphBaseUrl: graph.graphUrl,
					loginBaseUrl: graph.loginUrl,
				},
				oktaMfaApi: oktaMfaCredentials(okta),
				httpHeaderAuth: { name: 'X-Helpdesk-Secret', value: HELPDESK_SECRET },
			}),
		});
		await n8n.publish(SAMPLE.id);
	}, 600_000);

	afterAll(async () => {
		await packaged.stop();
		await graph?.close();
		await okta?.close();
	});

	const target = { counts: () => ({ writes: okta.writes().length }) };
	const hire = () => {
		const user = oktaUserByLogin(okta, HIRE);
		if (!user) throw new Error('Okta has no user for the new hire');
		return user;
	};
	/** Graph posts the queued change notifications; one execution applies them to Okta. */
	const flush = async (): Promise<N8nExecution> =>
		await oneWritingExecution(n8n, SAMPLE.id, target, async () => {
			const replies = await graph.flush();
			expect(replies.map(({ status }) => status)).toEqual([202]);
		});

	afterEach(() => {
		expect(oktaUserByLogin(okta, BYSTANDER.profile.login)).toMatchObject({ status: 'ACTIVE' });
		expect(okta.state.factors.get(BYSTANDER.id)).toHaveLength(1);
	});

	it('a user created in Entra ID becomes an active, federated Okta user with the Entra ID in idpUserId', async () => {
		expect([...graph.subscriptions.values()].map((s) => s.resource).sort()).toEqual(['/groups', '/users']);
		const created = graph.createUser({ userPrincipalName: HIRE, mail: HIRE, givenName: 'New', surname: 'Hire', displayName: 'New Hire' });
		await flush();
		expect(hire()).toMatchObject({
			status: 'ACTIVE',
			profile: { login: HIRE, email: HIRE, firstName: 'New', lastName: 'Hire', displayName: 'New Hire', idpUserId: `idp:entra:${graph.tenantId}/${created.id}` },
			credentials: { provider: { type: 'FEDERATION' } },
		});
		hireId = hire().id;
		graph.updateUser(created.id, { surname: 'Hire-Smith', displayName: 'New Hire-Smith' });
		await flush();
		expect(hire()).toMatchObject({ id: hireId, profile: { lastName: 'Hire-Smith' } });
	});

	it('accountEnabled false suspends the Okta user; true unsuspends it', async () => {
		const entraId = [...graph.directory.users.values()].find((user) => user.userPrincipalName === HIRE)?.id as string;
		graph.updateUser(entraId, { accountEnabled: false });
		await flush();
		expect(hire().status).toBe('SUSPENDED');
		graph.updateUser(entraId, { accountEnabled: true });
		await flush();
		expect(hire().status).toBe('ACTIVE');
	});

	it('a group created and a member added in Entra ID become an Okta group with the member; removed takes it out', async () => {
		const entraId = [...graph.directory.users.values()].find((user) => user.userPrincipalName === HIRE)?.id as string;
		groupId = graph.createGroup({ displayName: 'VPN-Users' }).id;
		await flush();
		const [group] = [...okta.state.groups.values()];
		expect(group.profile).toEqual({ name: 'VPN-Users', description: `idp:entra:${graph.tenantId}/${groupId}` });
		graph.addMember(groupId, entraId);
		await flush();
		expect(oktaGroupNames(okta, hireId)).toEqual(['VPN-Users']);
		graph.removeMember(groupId, entraId);
		await flush();
		expect(oktaGroupNames(okta, hireId)).toEqual([]);
		graph.addMember(groupId, entraId);
		await flush();
	});

	it('the helpdesk webhook resets the Okta factors in one call; the user and its groups stay', async () => {
		okta.enrollFactor(hireId, 'push');
		okta.enrollFactor(hireId, 'sms');
		const writes = okta.writes().length;
		const refused = await fetch(n8n.webhookUrl('okta-mfa-reset'), {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-helpdesk-secret': 'guessed' },
			body: JSON.stringify({ username: HIRE }),
		});
		expect(refused.status).toBe(403);
		expect(okta.state.factors.get(hireId)).toHaveLength(2);
		const before = (await n8n.executions({ workflowId: SAMPLE.id })).length;
		const reply = await fetch(n8n.webhookUrl('okta-mfa-reset'), {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-helpdesk-secret': HELPDESK_SECRET },
			body: JSON.stringify({ username: HIRE }),
		});
		expect(reply.status).toBe(200);
		const executions = await n8n.waitForExecutions(SAMPLE.id, before + 1);
		expect(executions).toHaveLength(before + 1);
		expect(executions[executions.length - 1]).toMatchObject({ status: 'success', mode: 'webhook' });
		expect(okta.writes().slice(writes)).toEqual([{ method: 'POST', path: `/api/v1/users/${hireId}/lifecycle/reset_factors`, params: {} }]);
		expect(okta.state.factors.get(hireId)).toEqual([]);
		expect(hire()).toMatchObject({ id: hireId, status: 'ACTIVE' });
		expect(oktaGroupNames(okta, hireId)).toEqual(['VPN-Users']);
	});

	it('a user deleted in Entra ID is deactivated and then deleted in Okta; its group stays', async () => {
		const entraId = [...graph.directory.users.values()].find((user) => user.userPrincipalName === HIRE)?.id as string;
		const writes = okta.writes().length;
		graph.softDeleteUser(entraId);
		await flush();
		expect(okta.writes().slice(writes).filter((write) => write.path.startsWith(`/api/v1/users/${hireId}`))).toEqual([
			{ method: 'POST', path: `/api/v1/users/${hireId}/lifecycle/deactivate?sendEmail=false`, params: {} },
			{ method: 'DELETE', path: `/api/v1/users/${hireId}?sendEmail=false`, params: {} },
		]);
		expect(oktaUserByLogin(okta, HIRE)).toBeUndefined();
		expect([...okta.state.groups.values()].map((group) => group.profile.name)).toEqual(['VPN-Users']);
	});
});
