import { randomBytes } from 'node:crypto';

import { startFakeAuth0, type FakeAuth0 } from '../../sandbox/auth0/server';
import { startFakeOkta, type FakeOkta } from '../../sandbox/okta/server';
import { oktaDelivery, oktaEvents, type OktaLogEvent, type OktaUserRef } from '../../scripts/demo/oktaDeliveries';
import { hooksFor, loadSampleWorkflows, triggerWebhookPath, type SampleWorkflow } from '../../scripts/demo/samples';
import type { N8nExecution, N8nHandle } from '../../scripts/e2e/n8nInstance';
import { auth0MfaCredentials, auth0RoleNames, auth0UserByEmail } from '../auth0Mfa/helpers';
import { oneWritingExecution } from './helpers/oneExecution';
import { packagedN8n } from './helpers/packagedN8n';
import { credentialImports } from './helpers/sampleCredentials';

const SAMPLE = loadSampleWorkflows().find(({ file }) => file === 'okta-to-auth0-mfa-sync.json')?.workflow as SampleWorkflow;
const APPLY = 'Apply to Auth0';
const SAM: OktaUserRef = { id: '00uSRIVERA000000001', login: 'sam.rivera@acme.test' };
const VPN_USERS = { id: '00gVPNUSERS00000001', name: 'VPN-Users' };
const BYSTANDER = { user_id: 'auth0|breakglass', email: 'breakglass@acme.test', methods: [{ type: 'totp' }] };

describe('Okta → Auth0 MFA sample in a real n8n 2.41.1', () => {
	const eventHookSecret = randomBytes(24).toString('base64url');
	const packaged = packagedN8n();
	let okta: FakeOkta;
	let auth0: FakeAuth0;
	let n8n: N8nHandle;
	let samId = '';

	beforeAll(async () => {
		okta = await startFakeOkta({
			users: [{ id: SAM.id, profile: { login: SAM.login, email: SAM.login, firstName: 'Sam', lastName: 'Rivera' } }],
			groups: [VPN_USERS],
		});
		auth0 = await startFakeAuth0({ users: [BYSTANDER] });
		n8n = await packaged.start({
			label: 'okta-auth0-mfa.e2e',
			workflows: [SAMPLE],
			credentials: credentialImports([SAMPLE], {
				oktaIdpApi: { orgUrl: okta.url, apiToken: okta.apiToken, eventHookSecret },
				auth0MfaApi: auth0MfaCredentials(auth0),
			}),
		});
		await n8n.publish(SAMPLE.id);
	}, 600_000);

	afterAll(async () => {
		await packaged.stop();
		await okta?.close();
		await auth0?.close();
	});

	const target = { counts: () => ({ writes: auth0.writes().length }) };
	const sam = () => {
		const user = auth0UserByEmail(auth0, SAM.login);
		if (!user) throw new Error('Auth0 has no user for Sam');
		return user;
	};
	const oktaSam = () => okta.state.users.get(SAM.id) as { status: string; profile: Record<string, unknown> };
	async function send(events: OktaLogEvent[]): Promise<N8nExecution> {
		const [hook] = hooksFor(okta, n8n.webhookUrl(triggerWebhookPath(SAMPLE)));
		return await oneWritingExecution(n8n, SAMPLE.id, target, async () => {
			expect(await okta.deliver(hook.id, oktaDelivery({ orgUrl: okta.url, hookId: hook.id }, events))).toMatchObject({ status: 200 });
		});
	}
	const applied = (execution: N8nExecution) =>
		(execution.data?.resultData.runData[APPLY]?.[0]?.data?.main[0] ?? []).map((item) => item.json);

	afterEach(() => {
		expect(auth0UserByEmail(auth0, BYSTANDER.email)).toMatchObject({ user_id: BYSTANDER.user_id });
		expect(auth0.state.authMethods.get(BYSTANDER.user_id)).toHaveLength(1);
	});

	it('a user created in Okta becomes an Auth0 database user, the Okta ID and the sync watermark in app_metadata', async () => {
		const execution = await send(oktaEvents.userCreated(SAM));
		expect(applied(execution)).toEqual([expect.objectContaining({ action: 'created', eventType: 'user.created' })]);
		expect(sam()).toMatchObject({
			email: SAM.login,
			given_name: 'Sam',
			family_name: 'Rivera',
			name: 'Sam Rivera',
			identities: [{ connection: 'Username-Password-Authentication' }],
			app_metadata: { idpUserId: `idp:okta:${new URL(okta.url).host}/${SAM.id}`, idpSyncAsOf: expect.any(String) },
		});
		const [created] = auth0.writes().filter((write) => write.method === 'POST' && write.path === '/users');
		expect(created.params).toMatchObject({ password: '[redacted]' });
		samId = sam().user_id;
		oktaSam().profile.lastName = 'Rivera-Lopez';
		await send(oktaEvents.profileUpdated(SAM));
		expect(sam()).toMatchObject({ user_id: samId, family_name: 'Rivera-Lopez' });
	});

	it('a membership added in Okta creates the Auth0 role and assigns it; removed unassigns it', async () => {
		okta.setMembership(VPN_USERS.id, SAM.id, true);
		await send(oktaEvents.memberAdded(SAM, VPN_USERS));
		expect([...auth0.state.roles.values()]).toEqual([
			expect.objectContaining({ name: 'VPN-Users', description: `idp:okta:${new URL(okta.url).host}/${VPN_USERS.id}` }),
		]);
		expect(auth0RoleNames(auth0, samId)).toEqual(['VPN-Users']);
		okta.setMembership(VPN_USERS.id, SAM.id, false);
		await send(oktaEvents.memberRemoved(SAM, VPN_USERS));
		expect(auth0RoleNames(auth0, samId)).toEqual([]);
		okta.setMembership(VPN_USERS.id, SAM.id, true);
		await send(oktaEvents.memberAdded(SAM, VPN_USERS));
	});

	it('suspending in Okta blocks the Auth0 user; unsuspending unblocks it', async () => {
		oktaSam().status = 'SUSPENDED';
		await send(oktaEvents.suspended(SAM));
		expect(sam().blocked).toBe(true);
		oktaSam().status = 'ACTIVE';
		await send(oktaEvents.unsuspended(SAM));
		expect(sam().blocked).toBe(false);
	});

	it('an MFA reset in Okta removes the Guardian authenticators in one call and the WebAuthn key by itself; the user stays', async () => {
		auth0.enrollMethod(samId, 'totp');
		auth0.enrollMethod(samId, 'phone');
		const key = auth0.enrollMethod(samId, 'webauthn-roaming', { name: 'YubiKey' });
		const writes = auth0.writes().length;
		const execution = await send(oktaEvents.factorsReset(SAM));
		expect(applied(execution)).toEqual([expect.objectContaining({ action: 'reset', eventType: 'user.mfa_reset' })]);
		const id = encodeURIComponent(samId);
		expect(auth0.writes().slice(writes).map(({ method, path }) => `${method} ${path}`)).toEqual([
			`DELETE /users/${id}/authenticators`,
			`DELETE /users/${id}/authentication-methods/${encodeURIComponent(key.id)}`,
		]);
		expect(auth0.state.authMethods.get(samId)).toEqual([]);
		expect(sam()).toMatchObject({ user_id: samId, family_name: 'Rivera-Lopez' });
		expect(auth0RoleNames(auth0, samId)).toEqual(['VPN-Users']);
	});

	it('a user deleted in Okta is deleted in Auth0 (On User Deleted: Delete); the role stays', async () => {
		okta.state.users.delete(SAM.id);
		const execution = await send(oktaEvents.deleted(SAM));
		expect(applied(execution)).toEqual([expect.objectContaining({ action: 'deleted', eventType: 'user.deleted' })]);
		expect(auth0UserByEmail(auth0, SAM.login)).toBeUndefined();
		expect([...auth0.state.roles.values()].map((role) => role.name)).toEqual(['VPN-Users']);
	});
});
