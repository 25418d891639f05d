import { randomBytes } from 'node:crypto';

import { MFA_PERMISSIONS, startFakeGraph, type FakeGraph } from '../../sandbox/graph/server';
import { startFakeOkta, type FakeOkta } from '../../sandbox/okta/server';
import { oktaDelivery, oktaEvents, type OktaLogEvent, type OktaUserRef } from '../../scripts/demo/oktaDeliveries';
import { hooksFor, loadSampleWorkflows, triggerWebhookPath, type SampleWorkflow } from '../../scripts/demo/samples';
import type { N8nExecution, N8nHandle } from '../../scripts/e2e/n8nInstance';
import { entraGroupNames, entraMfaCredentials, entraUserByUpn } from '../entraMfa/helpers';
import { oneWritingExecution } from './helpers/oneExecution';
import { packagedN8n } from './helpers/packagedN8n';
import { credentialImports } from './helpers/sampleCredentials';

const SAMPLE = loadSampleWorkflows().find(({ file }) => file === 'okta-to-entra-mfa-sync.json')?.workflow as SampleWorkflow;
const APPLY = 'Apply to Entra ID';
const JANE: OktaUserRef = { id: '00uJDOE0000000000001', login: 'jane.doe@acme.test' };
const MFA_USERS = { id: '00gMFAUSERS00000001', name: 'MFA-Users' };
const BYSTANDER = { id: 'u-breakglass', userPrincipalName: 'breakglass@acme.test', displayName: 'Break Glass' };

describe('Okta → Entra ID MFA sample in a real n8n 2.41.1', () => {
	const eventHookSecret = randomBytes(24).toString('base64url');
	const packaged = packagedN8n();
	let okta: FakeOkta;
	let graph: FakeGraph;
	let n8n: N8nHandle;
	let janeId = '';

	beforeAll(async () => {
		okta = await startFakeOkta({
			users: [{ id: JANE.id, profile: { login: JANE.login, email: 'jane@mail.acme.test', firstName: 'Jane', lastName: 'Doe' } }],
			groups: [MFA_USERS],
		});
		graph = await startFakeGraph({ permissions: MFA_PERMISSIONS, users: [{ ...BYSTANDER, methods: [{ type: 'phone' }] }] });
		n8n = await packaged.start({
			label: 'okta-entra-mfa.e2e',
			workflows: [SAMPLE],
			credentials: credentialImports([SAMPLE], {
				oktaIdpApi: { orgUrl: okta.url, apiToken: okta.apiToken, eventHookSecret },
				entraMfaApi: entraMfaCredentials(graph),
			}),
		});
		await n8n.publish(SAMPLE.id);
	}, 600_000);

	afterAll(async () => {
		await packaged.stop();
		await okta?.close();
		await graph?.close();
	});

	const target = { counts: () => ({ writes: graph.writes().length }) };
	const jane = () => {
		const user = entraUserByUpn(graph, JANE.login);
		if (!user) throw new Error('Entra ID has no user for Jane');
		return user;
	};
	const oktaJane = () => okta.state.users.get(JANE.id) as { status: string; profile: Record<string, unknown> };
	/** Okta sends the events through the hook that publishing registered; one execution applies them. */
	async function send(events: OktaLogEvent[]): Promise<N8nExecution> {
		const [hook] = hooksFor(okta, n8n.webhookUrl(triggerWebhookPath(SAMPLE)));
		return await oneWritingExecution(n8n, SAMPLE.id, target, async () => {
			expect(await okta.deliver(hook.id, oktaDelivery({ orgUrl: okta.url, hookId: hook.id }, events))).toMatchObject({ status: 200 });
		});
	}
	const applied = (execution: N8nExecution) =>
		(execution.data?.resultData.runData[APPLY]?.[0]?.data?.main[0] ?? []).map((item) => item.json);

	afterEach(() => {
		expect(entraUserByUpn(graph, BYSTANDER.userPrincipalName)).toMatchObject({ accountEnabled: true });
		expect(graph.authMethods.get(BYSTANDER.id)).toHaveLength(1);
	});

	it('a user created in Okta becomes an Entra ID user with the Okta ID in extensionAttribute1', async () => {
		const [hook, ...others] = hooksFor(okta, n8n.webhookUrl(triggerWebhookPath(SAMPLE)));
		expect(others).toHaveLength(0);
		expect(hook).toMatchObject({ status: 'ACTIVE', verificationStatus: 'VERIFIED' });
		const execution = await send(oktaEvents.userCreated(JANE));
		expect(applied(execution)).toEqual([expect.objectContaining({ action: 'created', eventType: 'user.created' })]);
		expect(jane()).toMatchObject({
			givenName: 'Jane',
			surname: 'Doe',
			displayName: 'Jane Doe',
			mail: 'jane@mail.acme.test',
			accountEnabled: true,
			onPremisesExtensionAttributes: { extensionAttribute1: `idp:okta:${new URL(okta.url).host}/${JANE.id}` },
		});
		janeId = jane().id;
	});

	it('a profile change in Okta updates the same Entra ID user', async () => {
		oktaJane().profile.lastName = 'Doe-Smith';
		await send(oktaEvents.profileUpdated(JANE));
		expect(jane()).toMatchObject({ id: janeId, surname: 'Doe-Smith' });
	});

	it('a membership added in Okta creates the Entra security group with the Okta marker and adds the user; removed takes it out', async () => {
		okta.setMembership(MFA_USERS.id, JANE.id, true);
		await send(oktaEvents.memberAdded(JANE, MFA_USERS));
		const [group] = [...graph.directory.groups.values()];
		expect(group).toMatchObject({
			displayName: 'MFA-Users',
			securityEnabled: true,
			description: `idp:okta:${new URL(okta.url).host}/${MFA_USERS.id}`,
		});
		expect(entraGroupNames(graph, janeId)).toEqual(['MFA-Users']);
		okta.setMembership(MFA_USERS.id, JANE.id, false);
		await send(oktaEvents.memberRemoved(JANE, MFA_USERS));
		expect(entraGroupNames(graph, janeId)).toEqual([]);
		expect(graph.directory.groups.size).toBe(1);
		okta.setMembership(MFA_USERS.id, JANE.id, true);
		await send(oktaEvents.memberAdded(JANE, MFA_USERS));
	});

	it('suspending in Okta blocks sign-in and revokes the sessions; unsuspending allows it again', async () => {
		oktaJane().status = 'SUSPENDED';
		await send(oktaEvents.suspended(JANE));
		expect(jane().accountEnabled).toBe(false);
		expect(graph.revocations.get(janeId)).toBe(1);
		oktaJane().status = 'ACTIVE';
		await send(oktaEvents.unsuspended(JANE));
		expect(jane().accountEnabled).toBe(true);
	});

	it('an MFA reset in Okta deletes every Entra method but the password, the default last; the user and its groups stay', async () => {
		graph.enrollMethod(janeId, 'phone', { phoneType: 'mobile', isDefault: true });
		graph.enrollMethod(janeId, 'phone', { phoneType: 'alternateMobile' });
		graph.enrollMethod(janeId, 'microsoftAuthenticator');
		graph.enrollMethod(janeId, 'softwareOath');
		const execution = await send(oktaEvents.factorsReset(JANE));
		expect(applied(execution)).toEqual([expect.objectContaining({ action: 'reset', eventType: 'user.mfa_reset' })]);
		expect(graph.authMethods.get(janeId)).toEqual([]);
		const deleted = graph.writes().filter((write) => write.path.startsWith(`/users/${janeId}/authentication/`)).map((write) => write.path.split('/')[4]);
		expect(deleted).toEqual(['softwareOathMethods', 'phoneMethods', 'microsoftAuthenticatorMethods', 'phoneMethods']);
		expect(jane()).toMatchObject({ id: janeId, accountEnabled: true, surname: 'Doe-Smith' });
		expect(entraGroupNames(graph, janeId)).toEqual(['MFA-Users']);
	});

	it('a user deleted in Okta is disabled in Entra ID (On User Deleted: Disable), not deleted', async () => {
		okta.state.users.delete(JANE.id);
		const execution = await send(oktaEvents.deleted(JANE));
		expect(applied(execution)).toEqual([expect.objectContaining({ action: 'disabled', eventType: 'user.deleted' })]);
		expect(jane()).toMatchObject({ id: janeId, accountEnabled: false });
		expect(graph.directory.deletedUsers.size).toBe(0);
		expect(graph.revocations.get(janeId)).toBe(2);
	});
});
