import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startFakeDuo, type FakeDuo } from '../../sandbox/duo/server';
import { startFakeOkta, type FakeOkta, type FakeOktaHook } from '../../sandbox/okta/server';
import {
	oktaDelivery,
	oktaEvents,
	type OktaLogEvent,
	type OktaUserRef,
} from '../../scripts/demo/oktaDeliveries';
import { hooksFor, loadSampleWorkflows, type SampleWorkflow } from '../../scripts/demo/samples';
import { executionItems, type N8nExecution, type N8nHandle } from '../../scripts/e2e/n8nInstance';
import { duoUser, anchorOf } from './helpers/fakeDuoState';
import { packagedN8n } from './helpers/packagedN8n';
import { credentialImports, duoApiCredential } from './helpers/sampleCredentials';

const SAMPLE = loadSampleWorkflows().find(({ file }) => file === 'two-tenant-okta-to-duo.json')
	?.workflow as SampleWorkflow;
const PROFILES = JSON.parse(
	readFileSync(join(__dirname, '..', '..', 'examples', 'profiles', 'two-tenants.json'), 'utf8'),
) as { tenants: Record<string, unknown> };
const TRIGGER_A = 'Okta: acme.okta.com';
const TRIGGER_B = 'Okta: subsidiary.okta.com';
const APPLY = 'Apply to Duo';
const PROFILE_CREDENTIAL = 'syncProfileTenants';

const JANE: OktaUserRef = { id: '00uJDOE0000000000001', login: 'jane.doe@acme.test' };
const BOB: OktaUserRef = { id: '00uBSMITH00000000001', login: 'bsmith' };
const CARL: OktaUserRef = { id: '00uCJONES00000000001', login: 'cjones' };
/** Okta group ids are unique across orgs; each org has its own mfa-vpn group. */
const MFA_VPN = { id: '00gMFAVPN0000000001', name: 'mfa-vpn' };
const MFA_VPN_B = { id: '00gMFAVPNB000000001', name: 'mfa-vpn' };
const FINANCE = { id: '00gFINANCE000000001', name: 'Finance' };

describe('Two Okta tenants → one Duo node with a per-tenant Sync Profile, in a real n8n 2.41.1', () => {
	let tenantA: FakeOkta;
	let tenantB: FakeOkta;
	let duo: FakeDuo;
	let n8n: N8nHandle;
	const packaged = packagedN8n();
	const hostOf = (okta: FakeOkta) => new URL(okta.url).host;
	/** examples/profiles/two-tenants.json with the fake orgs' hosts as tenant keys. */
	const tenantProfiles = () =>
		JSON.stringify({
			tenants: {
				[hostOf(tenantA)]: PROFILES.tenants['acme.okta.com'],
				[hostOf(tenantB)]: PROFILES.tenants['subsidiary.okta.com'],
			},
		});

	beforeAll(async () => {
		tenantA = await startFakeOkta({
			users: [
				{
					id: JANE.id,
					profile: {
						login: JANE.login,
						email: 'jane@mail.acme.test',
						firstName: 'Jane',
						lastName: 'Doe',
					},
				},
			],
			groups: [MFA_VPN],
		});
		tenantB = await startFakeOkta({
			users: [
				{
					id: BOB.id,
					profile: {
						login: BOB.login,
						email: 'bob.smith@subsidiary.test',
						firstName: 'Bob',
						lastName: 'Smith',
						userType: 'Employee',
					},
				},
				{
					id: CARL.id,
					profile: {
						login: CARL.login,
						email: 'carl.jones@contractor.test',
						firstName: 'Carl',
						lastName: 'Jones',
						userType: 'Contractor',
					},
				},
			],
			groups: [MFA_VPN_B, FINANCE],
		});
		duo = await startFakeDuo();
		const secret = () => randomBytes(24).toString('base64url');
		const okta = (fake: FakeOkta) => ({
			orgUrl: fake.url,
			apiToken: fake.apiToken,
			eventHookSecret: secret(),
		});
		n8n = await packaged.start({
			label: 'two-tenant-okta-duo.e2e',
			workflows: [SAMPLE],
			credentials: credentialImports([SAMPLE], {
				oktaTenantA: okta(tenantA),
				oktaTenantB: okta(tenantB),
				duoAdminApi: duoApiCredential(duo),
				[PROFILE_CREDENTIAL]: { profile: tenantProfiles() },
			}),
		});
	}, 600_000);

	afterAll(async () => {
		await packaged.stop();
		await tenantA?.close();
		await tenantB?.close();
		await duo?.close();
	});

	const hookOf = (okta: FakeOkta, triggerName: string): FakeOktaHook => {
		const node = SAMPLE.nodes.find((candidate) => candidate.name === triggerName);
		const hooks = hooksFor(okta, n8n.webhookUrl(`${node?.webhookId}/events`));
		expect(hooks).toHaveLength(1);
		return hooks[0];
	};

	/** One delivery from one org; returns the execution it started. */
	async function deliver(
		okta: FakeOkta,
		triggerName: string,
		events: OktaLogEvent[],
	): Promise<N8nExecution> {
		const hook = hookOf(okta, triggerName);
		const before = (await n8n.executions({ workflowId: SAMPLE.id })).length;
		const reply = await okta.deliver(
			hook.id,
			oktaDelivery({ orgUrl: okta.url, hookId: hook.id }, events),
		);
		expect(reply).toMatchObject({ status: 200, attempts: 1 });
		const all = await n8n.waitForExecutions(SAMPLE.id, before + 1);
		expect(all).toHaveLength(before + 1);
		return all[all.length - 1];
	}
	const applied = (execution: N8nExecution) => {
		expect(execution.status).toBe('success');
		return executionItems(execution, APPLY).map((item) => item.json);
	};

	it('publishing registers and verifies one event hook in each Okta org', async () => {
		await n8n.publish(SAMPLE.id);
		expect(hookOf(tenantA, TRIGGER_A)).toMatchObject({
			status: 'ACTIVE',
			verificationStatus: 'VERIFIED',
		});
		expect(hookOf(tenantB, TRIGGER_B)).toMatchObject({
			status: 'ACTIVE',
			verificationStatus: 'VERIFIED',
		});
	});

	it("tenant A's user follows profile A: login as username, email and id copied", async () => {
		const [result] = applied(await deliver(tenantA, TRIGGER_A, oktaEvents.userCreated(JANE)));
		expect(result).toMatchObject({ mapping: { tenantProfile: `tenants.${hostOf(tenantA)}` } });
		expect(duoUser(duo, JANE.login)).toMatchObject({
			email: 'jane@mail.acme.test',
			status: 'active',
			aliases: { alias1: anchorOf('okta', JANE.id) },
		});
	});

	it("tenant B's user follows profile B: email as username, a note naming the tenant", async () => {
		const [result] = applied(await deliver(tenantB, TRIGGER_B, oktaEvents.userCreated(BOB)));
		expect(result).toMatchObject({ mapping: { tenantProfile: `tenants.${hostOf(tenantB)}` } });
		expect(duoUser(duo, BOB.login)).toBeUndefined();
		expect(duoUser(duo, 'bob.smith@subsidiary.test')).toMatchObject({
			notes: expect.stringMatching(new RegExp(`^synced from ${hostOf(tenantB)}\\n\\[idp-mfa-sync\\] state as of \\S+$`)),
			status: 'active',
			aliases: { alias1: anchorOf('okta', BOB.id) },
		});
	});

	it("a contractor of tenant B is skipped, with the rule's reason in the execution output", async () => {
		const writes = duo.counts().writes;
		const [result] = applied(await deliver(tenantB, TRIGGER_B, oktaEvents.userCreated(CARL)));
		expect(result).toMatchObject({
			action: 'skipped',
			reason: expect.stringMatching(/Contractor/),
		});
		expect(duo.counts().writes).toBe(writes);
		expect(duo.snapshot().users.map((user) => user.username)).toEqual([
			'bob.smith@subsidiary.test',
			JANE.login,
		]);
	});

	it('groups: tenant A keeps every name, tenant B only mfa-* without the prefix', async () => {
		tenantA.setMembership(MFA_VPN.id, JANE.id, true);
		applied(await deliver(tenantA, TRIGGER_A, oktaEvents.memberAdded(JANE, MFA_VPN)));
		tenantB.setMembership(MFA_VPN_B.id, BOB.id, true);
		tenantB.setMembership(FINANCE.id, BOB.id, true);
		const results = applied(
			await deliver(tenantB, TRIGGER_B, [
				...oktaEvents.memberAdded(BOB, MFA_VPN_B),
				...oktaEvents.memberAdded(BOB, FINANCE),
			]),
		);
		expect(results.map((result) => result.action)).toEqual(['group_added', 'skipped']);
		expect(duoUser(duo, JANE.login)?.groupNames).toEqual(['mfa-vpn']);
		expect(duoUser(duo, 'bob.smith@subsidiary.test')?.groupNames).toEqual(['vpn']);
		expect(
			duo
				.snapshot()
				.groups.map((group) => group.name)
				.sort(),
		).toEqual(['mfa-vpn', 'vpn']);
	});

	it('deletion: tenant B disables (onDelete disable), tenant A deletes', async () => {
		tenantB.state.users.delete(BOB.id);
		applied(await deliver(tenantB, TRIGGER_B, oktaEvents.deleted(BOB)));
		expect(duoUser(duo, 'bob.smith@subsidiary.test')?.status).toBe('disabled');
		tenantA.state.users.delete(JANE.id);
		applied(await deliver(tenantA, TRIGGER_A, oktaEvents.deleted(JANE)));
		expect(duoUser(duo, JANE.login)).toBeUndefined();
		expect(duo.snapshot().trash).toEqual([JANE.login]);
	});

	it('an invalid profile stops the node before any Duo write, naming the path and problem', async () => {
		const broken = JSON.parse(tenantProfiles()) as {
			tenants: Record<string, Record<string, unknown>>;
		};
		broken.tenants[hostOf(tenantB)].rules = [
			{ contains: ['{{ idp.email }}', '@subsidiary.test', 'extra'] },
		];
		await n8n.api('PATCH', `/credentials/${PROFILE_CREDENTIAL}`, {
			data: { profile: JSON.stringify(broken) },
		});
		tenantA.putUser({
			id: '00uNEWHIRE0000000001',
			profile: { login: 'new.hire@acme.test', email: 'new.hire@acme.test', firstName: 'New' },
		});
		const writes = duo.counts().writes;
		const execution = await deliver(
			tenantA,
			TRIGGER_A,
			oktaEvents.userCreated({ id: '00uNEWHIRE0000000001', login: 'new.hire@acme.test' }),
		);
		expect(execution.status).toBe('error');
		expect(execution.data?.resultData.error?.message).toMatch(
			new RegExp(
				`tenants\\.${hostOf(tenantB).replace(/\./g, '\\.')}\\.rules\\[0\\]\\.contains: .*two operands`,
			),
		);
		expect(duo.counts().writes).toBe(writes);
		expect(duoUser(duo, 'new.hire@acme.test')).toBeUndefined();
	});
});
