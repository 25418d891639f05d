import { randomBytes } from 'node:crypto';

import { startFakeOkta, type FakeOkta } from '../../sandbox/okta/server';
import { startFakePingOne, type FakePingOne } from '../../sandbox/pingone/server';
import { oktaDelivery, oktaEvents, type OktaLogEvent, type OktaUserRef } from '../../scripts/demo/oktaDeliveries';
import { hooksFor, loadSampleWorkflows, triggerWebhookPath, type SampleWorkflow } from '../../scripts/demo/samples';
import type { N8nHandle } from '../../scripts/e2e/n8nInstance';
import { pingOneCredentials } from '../pingone/helpers';
import { anchorOf } from './helpers/fakeDuoState';
import { packagedN8n } from './helpers/packagedN8n';
import { credentialImports } from './helpers/sampleCredentials';

const SAMPLE = loadSampleWorkflows().find(({ file }) => file === 'okta-to-pingone-lifecycle-sync.json')
	?.workflow as SampleWorkflow;
const JANE: OktaUserRef = { id: '00uJDOE0000000000001', login: 'jane.doe@acme.test' };
const MFA_USERS = { id: '00gMFAUSERS00000001', name: 'MFA-Users' };
const VPN_USERS = { id: '00gVPNUSERS00000001', name: 'VPN-Users' };
const BYSTANDER = 'breakglass.admin';

describe('Okta → PingOne MFA sample in a real n8n 2.41.1', () => {
	const eventHookSecret = randomBytes(24).toString('base64url');
	let okta: FakeOkta;
	let pingOne: FakePingOne;
	let n8n: N8nHandle;
	const packaged = packagedN8n();

	const jane = () => pingOne.snapshot().users.find((user) => user.username === JANE.login);
	const bystander = () => pingOne.snapshot().users.find((user) => user.username === BYSTANDER);
	const groupNames = () => pingOne.snapshot().groups.map((group) => group.name);
	const oktaJane = () => okta.state.users.get(JANE.id) as NonNullable<ReturnType<FakeOkta['state']['users']['get']>>;

	/** Okta delivers the events to the published trigger; the one execution they start must succeed and write. */
	async function deliver(events: OktaLogEvent[]): Promise<void> {
		const [hook] = hooksFor(okta, n8n.webhookUrl(triggerWebhookPath(SAMPLE)));
		const before = (await n8n.executions({ workflowId: SAMPLE.id })).length;
		const writes = pingOne.counts().writes;
		const reply = await okta.deliver(hook.id, oktaDelivery({ orgUrl: okta.url, hookId: hook.id }, events));
		expect(reply).toMatchObject({ status: 200, attempts: 1 });
		const all = await n8n.waitForExecutions(SAMPLE.id, before + 1);
		expect(all.slice(before).map(({ status, mode }) => ({ status, mode }))).toEqual([{ status: 'success', mode: 'webhook' }]);
		expect(pingOne.counts().writes).toBeGreaterThan(writes);
	}

	beforeAll(async () => {
		okta = await startFakeOkta({
			users: [
				{
					id: JANE.id,
					profile: { login: JANE.login, email: 'jane@mail.acme.test', firstName: 'Jane', lastName: 'Doe' },
				},
			],
			groups: [MFA_USERS, VPN_USERS],
		});
		pingOne = await startFakePingOne({
			seed: {
				groups: [{ name: 'MFA-Users', description: 'Everyone who signs in' }],
				users: [{ username: BYSTANDER, email: 'it.admin@acme.test', groups: ['MFA-Users'], devices: [{ type: 'TOTP' }] }],
			},
		});
		n8n = await packaged.start({
			label: 'okta-pingone.e2e',
			workflows: [SAMPLE],
			credentials: credentialImports([SAMPLE], {
				oktaIdpApi: { orgUrl: okta.url, apiToken: okta.apiToken, eventHookSecret },
				pingOneMfaApi: pingOneCredentials(pingOne),
			}),
		});
	}, 600_000);

	afterAll(async () => {
		await packaged.stop();
		await okta?.close();
		await pingOne?.close();
	});

	let untouched: ReturnType<typeof bystander>;
	afterEach(() => expect(bystander()).toEqual(untouched));

	it('publishing registers and verifies the Okta event hook', async () => {
		untouched = bystander();
		await n8n.publish(SAMPLE.id);
		const [hook] = hooksFor(okta, n8n.webhookUrl(triggerWebhookPath(SAMPLE)));
		expect(hook).toMatchObject({ status: 'ACTIVE', verificationStatus: 'VERIFIED' });
	});

	it('creates the PingOne user with the Okta profile and the Okta user id in externalId, then updates it', async () => {
		await deliver(oktaEvents.userCreated(JANE));
		expect(jane()).toMatchObject({
			email: 'jane@mail.acme.test',
			name: { given: 'Jane', family: 'Doe' },
			enabled: true,
			groups: [],
		});
		const id = jane()?.id as string;
		expect(pingOne.state.users.get(id)?.externalId).toEqual(anchorOf('okta', JANE.id));
		Object.assign(oktaJane().profile, { lastName: 'Doe-Smith' });
		await deliver(oktaEvents.profileUpdated(JANE));
		expect(jane()).toMatchObject({ id, name: { given: 'Jane', family: 'Doe-Smith' } });
	});

	it('adds the user to both groups, creating the one PingOne lacks, then removes one', async () => {
		okta.setMembership(MFA_USERS.id, JANE.id, true);
		okta.setMembership(VPN_USERS.id, JANE.id, true);
		await deliver([...oktaEvents.memberAdded(JANE, MFA_USERS), ...oktaEvents.memberAdded(JANE, VPN_USERS)]);
		expect(jane()?.groups).toEqual(['MFA-Users', 'VPN-Users']);
		okta.setMembership(VPN_USERS.id, JANE.id, false);
		await deliver(oktaEvents.memberRemoved(JANE, VPN_USERS));
		expect(jane()?.groups).toEqual(['MFA-Users']);
		expect(groupNames()).toEqual(['MFA-Users', 'VPN-Users']);
	});

	it('disables the user on suspend and enables it on unsuspend', async () => {
		oktaJane().status = 'SUSPENDED';
		await deliver(oktaEvents.suspended(JANE));
		expect(jane()?.enabled).toBe(false);
		oktaJane().status = 'ACTIVE';
		await deliver(oktaEvents.unsuspended(JANE));
		expect(jane()?.enabled).toBe(true);
	});

	it('an MFA reset removes every PingOne device and keeps the user and its groups', async () => {
		pingOne.addDevice(JANE.login, { type: 'SMS', phone: '+15555550142' });
		pingOne.addDevice(JANE.login, { type: 'FIDO2' });
		const before = jane();
		// Classic Engine "Reset all factors": a reset of every factor, so PingOne's too.
		const [template] = oktaEvents.suspended(JANE);
		await deliver([{ ...template, eventType: 'user.mfa.factor.reset_all', displayMessage: 'Reset all factors for user' }]);
		expect(jane()).toEqual({ ...before, devices: [] });
	});

	it('deletes the PingOne user when Okta deletes it; its groups stay', async () => {
		okta.state.users.delete(JANE.id);
		okta.setMembership(MFA_USERS.id, JANE.id, false);
		await deliver(oktaEvents.deleted(JANE));
		expect(jane()).toBeUndefined();
		expect(groupNames()).toEqual(['MFA-Users', 'VPN-Users']);
	});
});
