import { IdentityEventSchema } from '../../nodes/shared/model';
import {
	startFakeAuth0,
	type FakeAuth0,
	type FakeAuth0LogStream,
} from '../../sandbox/auth0/server';
import { startFakeDuo, type FakeDuo, type FakeDuoSnapshotUser } from '../../sandbox/duo/server';
import {
	loadSampleWorkflows,
	triggerWebhookPath,
	type SampleWorkflow,
} from '../../scripts/demo/samples';
import { executionItems, type N8nExecution, type N8nHandle } from '../../scripts/e2e/n8nInstance';
import { oneWritingExecution } from './helpers/oneExecution';
import { duoUser, enrollDevices, existingDuoUser, anchorOf } from './helpers/fakeDuoState';
import { packagedN8n } from './helpers/packagedN8n';
import { credentialImports, duoApiCredential, importedShape } from './helpers/sampleCredentials';

const SAMPLES = loadSampleWorkflows().map(({ workflow }) => workflow);
const AUTH0 = SAMPLES.find((workflow) => workflow.id === 'auth0DuoLifecycle01') as SampleWorkflow;
const TRIGGER_NODE = 'IdP Event Trigger';
const BYSTANDER = 'breakglass.admin';
const JANE_EMAIL = 'jane.doe@acme.test';

const duoAccount = () => ({
	groups: [{ group_id: 'DGMFAUSERS0000000001', name: 'MFA-Users' }],
	users: [
		{
			user_id: 'DUBREAKGLASS00000001',
			username: BYSTANDER,
			realname: 'Break Glass',
			groups: ['DGMFAUSERS0000000001'],
			phones: [{ phone_id: 'DPBREAKGLASS00000001', number: '+15555550100', activated: true }],
		},
	],
});

describe('Auth0 → Duo sample in a real n8n 2.41.1', () => {
	let auth0: FakeAuth0;
	let duo: FakeDuo;
	let n8n: N8nHandle;
	const packaged = packagedN8n();
	let bystander: FakeDuoSnapshotUser | undefined;
	let janeId = '';
	const roles = { mfaUsers: '', vpnUsers: '' };
	let duoJaneId = '';

	beforeAll(async () => {
		auth0 = await startFakeAuth0({ tenant: 'acme-prod' });
		duo = await startFakeDuo({ seed: duoAccount() });
		bystander = duoUser(duo, BYSTANDER);
		n8n = await packaged.start({
			label: 'auth0-duo.e2e',
			workflows: SAMPLES,
			credentials: credentialImports(SAMPLES, {
				auth0IdpApi: {
					domain: auth0.domain,
					clientId: auth0.clientId,
					clientSecret: auth0.clientSecret,
				},
				duoAdminApi: duoApiCredential(duo),
			}),
		});
	}, 600_000);

	afterAll(async () => {
		await packaged.stop();
		await auth0?.close();
		await duo?.close();
	});

	const streamUrl = () => n8n.webhookUrl(triggerWebhookPath(AUTH0));
	const streamsToN8n = (): FakeAuth0LogStream[] =>
		[...auth0.state.logStreams.values()].filter((s) => s.sink.httpEndpoint === streamUrl());
	const jane = () => existingDuoUser(duo, JANE_EMAIL);
	const admin = async (method: string, path: string, body?: Record<string, unknown>) => {
		const reply = await auth0.admin(method, path, body);
		expect(reply.status).toBeLessThan(300);
		return reply.body as Record<string, unknown>;
	};
	const userPath = (suffix = '') => `/api/v2/users/${encodeURIComponent(janeId)}${suffix}`;

	/** Auth0's stream worker posts the pending logs; returns the one execution they started. */
	async function flush(): Promise<N8nExecution> {
		return await oneWritingExecution(n8n, AUTH0.id, duo, async () => {
			const replies = await auth0.flushLogs();
			expect(replies.map(({ status, attempts }) => ({ status, attempts }))).toEqual([
				{ status: 200, attempts: 1 },
			]);
		});
	}
	const eventTypes = (execution: N8nExecution) =>
		executionItems(execution, TRIGGER_NODE).map(
			(item) => IdentityEventSchema.parse(item.json).type,
		);

	afterEach(() => expect(duoUser(duo, BYSTANDER)).toEqual(bystander));

	it('imports every sample workflow as it is in examples/', async () => {
		for (const workflow of SAMPLES) {
			const stored = (await n8n.api('GET', `/workflows/${workflow.id}`)) as SampleWorkflow;
			expect(importedShape(stored)).toEqual(importedShape(workflow));
		}
	});

	it('publishing creates an HTTP log stream at Auth0 that posts to the trigger', async () => {
		await n8n.publish(AUTH0.id);
		expect(streamsToN8n()).toEqual([
			expect.objectContaining({
				type: 'http',
				status: 'active',
				sink: expect.objectContaining({
					httpContentFormat: 'JSONARRAY',
					httpContentType: 'application/json',
					httpAuthorization: expect.stringMatching(/^Bearer .{20,}/),
				}),
			}),
		]);
	});

	it('a user created through the Management API becomes a Duo user with the Auth0 profile', async () => {
		const created = await admin('POST', '/api/v2/users', {
			connection: 'Username-Password-Authentication',
			email: JANE_EMAIL,
			password: 'Correct-Horse-9',
			given_name: 'Jane',
			family_name: 'Doe',
		});
		janeId = String(created.user_id);
		const execution = await flush();
		expect(eventTypes(execution)).toEqual(['user.created']);
		expect(jane()).toMatchObject({
			firstname: 'Jane',
			lastname: 'Doe',
			email: JANE_EMAIL,
			status: 'active',
			aliases: { alias1: anchorOf('auth0', janeId) },
			groupNames: [],
		});
		duoJaneId = jane().user_id;
	});

	it('a profile update changes the same Duo user', async () => {
		await admin('PATCH', userPath(), { family_name: 'Doe-Smith', name: 'Jane Doe-Smith' });
		expect(eventTypes(await flush())).toEqual(['user.updated']);
		expect(jane()).toMatchObject({
			user_id: duoJaneId,
			lastname: 'Doe-Smith',
			realname: 'Jane Doe-Smith',
			status: 'active',
		});
	});

	it('blocking the user disables the Duo user; unblocking enables it again', async () => {
		await admin('PATCH', userPath(), { blocked: true });
		expect(eventTypes(await flush())).toEqual(['user.suspended']);
		expect(jane().status).toBe('disabled');
		await admin('PATCH', userPath(), { blocked: false });
		expect(eventTypes(await flush())).toEqual(['user.reactivated']);
		expect(jane().status).toBe('active');
	});

	it('roles created through the Management API become Duo groups, adopting one Duo has by name', async () => {
		roles.mfaUsers = String((await admin('POST', '/api/v2/roles', { name: 'MFA-Users' })).id);
		roles.vpnUsers = String((await admin('POST', '/api/v2/roles', { name: 'VPN-Users' })).id);
		expect(eventTypes(await flush())).toEqual(['group.created', 'group.created']);
		expect(duo.snapshot().groups.map((group) => group.name)).toEqual(['MFA-Users', 'VPN-Users']);
	});

	it('assigning both roles puts the user in both Duo groups', async () => {
		await admin('POST', userPath('/roles'), { roles: [roles.mfaUsers, roles.vpnUsers] });
		expect(eventTypes(await flush())).toEqual(['group.member_added', 'group.member_added']);
		expect(jane().groupNames).toEqual(['MFA-Users', 'VPN-Users']);
	});

	it('removing a role takes the user out of that Duo group only', async () => {
		await admin('DELETE', userPath('/roles'), { roles: [roles.vpnUsers] });
		expect(eventTypes(await flush())).toEqual(['group.member_removed']);
		expect(jane().groupNames).toEqual(['MFA-Users']);
	});

	it("an MFA reset (DELETE …/authenticators) removes the user's Duo devices and keeps the user", async () => {
		enrollDevices(duo, JANE_EMAIL);
		expect(jane().phones).toHaveLength(1);
		await admin('DELETE', userPath('/authenticators'));
		expect(eventTypes(await flush())).toEqual(['user.mfa_reset']);
		expect(jane()).toMatchObject({
			user_id: duoJaneId,
			status: 'active',
			groupNames: ['MFA-Users'],
			phones: [],
			tokens: [],
			webauthn: [],
			u2f: [],
			bypassCodes: [],
		});
	});

	it('deleting the user deletes the Duo user; its groups stay', async () => {
		await admin('DELETE', userPath());
		expect(eventTypes(await flush())).toEqual(['user.deleted']);
		expect(duoUser(duo, JANE_EMAIL)).toBeUndefined();
		expect(duo.snapshot().trash).toEqual([JANE_EMAIL]);
		expect(duo.snapshot().groups.map((group) => group.name)).toEqual(['MFA-Users', 'VPN-Users']);
	});

	it('unpublishing deletes the log stream', async () => {
		expect(streamsToN8n()).toHaveLength(1);
		await n8n.unpublish(AUTH0.id);
		expect(streamsToN8n()).toHaveLength(0);
		expect(auth0.state.logStreams.size).toBe(0);
	});
});
