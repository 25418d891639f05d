import { randomBytes } from 'node:crypto';
import { sleep } from 'n8n-workflow';

import { oktaEventTypesFor } from '../../nodes/IdpEventTrigger/providers/okta/okta.eventMap';
import { IDENTITY_EVENT_TYPES } from '../../nodes/shared/model';
import { startFakeDuo, type FakeDuo } from '../../sandbox/duo/server';
import { startFakeOkta, type FakeOkta, type FakeOktaHook } from '../../sandbox/okta/server';
import {
	oktaDelivery,
	oktaEvents,
	type OktaDelivery,
	type OktaLogEvent,
	type OktaUserRef,
} from '../../scripts/demo/oktaDeliveries';
import {
	hooksFor,
	loadSampleWorkflows,
	sandboxCredentials,
	triggerWebhookPath,
	type SampleWorkflow,
} from '../../scripts/demo/samples';
import { packedPackage, type N8nExecution } from '../../scripts/e2e/n8nInstance';
import { startQueueCluster, type QueueCluster } from '../../scripts/e2e/queueCluster';
import { duoUser, existingDuoUser, anchorOf } from './helpers/fakeDuoState';

const SAMPLE = loadSampleWorkflows().find(
	(entry) => entry.file === 'okta-to-duo-lifecycle-sync.json',
)?.workflow as SampleWorkflow;
const TRIGGER_TYPE = 'n8n-nodes-idp-mfa-sync.idpEventTrigger';

/** The lifecycle sample under another id and webhook path, with the trigger's registration set. */
function lifecycleVariant(
	id: string,
	webhookId: string,
	registration: 'manual' | 'automatic',
): SampleWorkflow {
	return {
		...SAMPLE,
		id,
		name: `${SAMPLE.name} [${registration}]`,
		nodes: SAMPLE.nodes.map((node) =>
			node.type === TRIGGER_TYPE
				? { ...node, webhookId, parameters: { ...node.parameters, registration } }
				: node,
		),
	};
}
const MANUAL = lifecycleVariant('queueManual00001', 'queue-okta-duo-manual', 'manual');
const AUTOMATIC = lifecycleVariant('queueAutomatic01', 'queue-okta-duo-automatic', 'automatic');

/** The Okta events behind every identity event type: what the README tells an admin to subscribe. */
const SUBSCRIBED = oktaEventTypesFor([...IDENTITY_EVENT_TYPES]);

const JANE: OktaUserRef = { id: '00uJDOE0000000000001', login: 'jane.doe@acme.test' };
const SAM: OktaUserRef = { id: '00uSRIVERA000000001', login: 'sam.rivera@acme.test' };
const MFA_USERS = { id: '00gMFAUSERS00000001', name: 'MFA-Users' };
const VPN_USERS = { id: '00gVPNUSERS00000001', name: 'VPN-Users' };

/** Time for n8n to have stored an execution if the request had started one. */
const settle = () => sleep(1500);

describe('Okta → Duo in n8n 2.41.1 queue mode (main, webhook process, two workers)', () => {
	const eventHookSecret = randomBytes(24).toString('base64url');
	let okta: FakeOkta;
	let duo: FakeDuo;
	let cluster: QueueCluster;
	let cleanupPackage: () => void = () => undefined;

	beforeAll(async () => {
		okta = await startFakeOkta({
			users: [
				{
					id: JANE.id,
					profile: { login: JANE.login, email: JANE.login, firstName: 'Jane', lastName: 'Doe' },
				},
				{
					id: SAM.id,
					profile: { login: SAM.login, email: SAM.login, firstName: 'Sam', lastName: 'Rivera' },
				},
			],
			groups: [MFA_USERS, VPN_USERS],
		});
		duo = await startFakeDuo();
		const packed = await packedPackage();
		cleanupPackage = packed.cleanup;
		const workflows = [MANUAL, AUTOMATIC];
		cluster = await startQueueCluster({
			label: 'queue-mode.e2e',
			tarball: packed.tarball,
			credentials: sandboxCredentials(workflows, { okta, duo, eventHookSecret }),
			workflows,
		});
	}, 600_000);

	afterAll(async () => {
		await cluster?.stop();
		await okta?.close();
		await duo?.close();
		cleanupPackage();
	});

	/** What an Okta admin does for manual registration: create the hook, then verify it. */
	async function registerHookByHand(uri: string): Promise<FakeOktaHook> {
		const admin = { authorization: `SSWS ${okta.apiToken}`, 'content-type': 'application/json' };
		const created = await fetch(`${okta.url}/api/v1/eventHooks`, {
			method: 'POST',
			headers: admin,
			body: JSON.stringify({
				name: 'n8n Duo sync',
				events: { type: 'EVENT_TYPE', items: SUBSCRIBED },
				channel: {
					type: 'HTTP',
					version: '1.0.0',
					config: {
						uri,
						headers: [],
						authScheme: { type: 'HEADER', key: 'Authorization', value: eventHookSecret },
					},
				},
			}),
		});
		expect(created.status).toBe(200);
		const { id } = (await created.json()) as { id: string };
		const verified = await fetch(`${okta.url}/api/v1/eventHooks/${id}/lifecycle/verify`, {
			method: 'POST',
			headers: admin,
		});
		expect(verified.status).toBe(200);
		return okta.state.eventHooks.get(id) as FakeOktaHook;
	}

	/** Okta delivers `events` through `hook`; returns the executions that started. */
	async function deliver(
		workflow: SampleWorkflow,
		hook: FakeOktaHook,
		events: OktaLogEvent[] | OktaDelivery,
		expected: number,
	): Promise<N8nExecution[]> {
		const delivery = Array.isArray(events)
			? oktaDelivery({ orgUrl: okta.url, hookId: hook.id }, events)
			: events;
		const before = (await cluster.executions({ workflowId: workflow.id })).length;
		const response = await okta.deliver(hook.id, delivery);
		expect(response).toMatchObject({ status: 200, attempts: 1 });
		if (expected === 0) {
			await settle();
			expect(await cluster.executions({ workflowId: workflow.id })).toHaveLength(before);
			return [];
		}
		const all = await cluster.waitForExecutions(workflow.id, before + expected);
		expect(all).toHaveLength(before + expected);
		return all.slice(before);
	}

	/** Every execution succeeded from a webhook, and a worker (not the main) ran it. */
	function expectRunByWorkers(executions: N8nExecution[]) {
		for (const execution of executions) {
			expect({ status: execution.status, mode: execution.mode }).toEqual({
				status: 'success',
				mode: 'webhook',
			});
			expect(cluster.workers).toContain(cluster.executedBy(execution.id));
		}
	}

	it('runs PostgreSQL, Redis, a main, a webhook process and two workers, all with the package loaded', async () => {
		expect(cluster.names).toEqual(['main', 'webhook-1', 'worker-1', 'worker-2']);
		for (const name of cluster.names) expect(cluster.process(name).running()).toBe(true);
		expect(await cluster.redis.command('PING')).toBe('+PONG');
		const { nodes } = await cluster.loadedTypes();
		expect(nodes.map((node) => node.name)).toEqual(
			expect.arrayContaining([TRIGGER_TYPE, 'n8n-nodes-idp-mfa-sync.duoSecurity']),
		);
		for (const worker of cluster.workers) {
			expect(cluster.process(worker).logs()).toMatch(/n8n worker is now ready/);
		}
		expect(cluster.process('webhook-1').logs()).toMatch(/Webhook listener waiting for requests/);
	});

	describe('manual registration: the admin points Okta at the webhook process', () => {
		let viaWebhookProcess: FakeOktaHook;
		let viaMain: FakeOktaHook;
		const run: N8nExecution[] = [];
		let suspension: OktaDelivery;

		beforeAll(async () => {
			await cluster.publish(MANUAL.id);
			const path = triggerWebhookPath(MANUAL);
			await cluster.waitForWebhook(cluster.webhookUrl(path, 'webhook-1'));
			await cluster.waitForWebhook(cluster.webhookUrl(path, 'main'));
		});

		it("answers Okta's verification on the webhook process and on the main", async () => {
			const path = triggerWebhookPath(MANUAL);
			viaWebhookProcess = await registerHookByHand(cluster.webhookUrl(path, 'webhook-1'));
			viaMain = await registerHookByHand(cluster.webhookUrl(path, 'main'));
			expect([viaWebhookProcess, viaMain]).toEqual([
				expect.objectContaining({ status: 'ACTIVE', verificationStatus: 'VERIFIED' }),
				expect.objectContaining({ status: 'ACTIVE', verificationStatus: 'VERIFIED' }),
			]);
			const unverified = await cluster.sendTo('webhook-1', path, {
				method: 'POST',
				headers: { authorization: 'not-the-secret' },
				json: oktaDelivery(
					{ orgUrl: okta.url, hookId: viaWebhookProcess.id },
					oktaEvents.userCreated(JANE),
				),
			});
			expect(unverified.status).toBe(401);
		});

		it('a creation delivered to the webhook process is executed by a worker and creates the Duo user', async () => {
			run.push(...(await deliver(MANUAL, viaWebhookProcess, oktaEvents.userCreated(JANE), 1)));
			expectRunByWorkers(run.slice(-1));
			expect(existingDuoUser(duo, JANE.login)).toMatchObject({
				realname: 'Jane Doe',
				status: 'active',
				aliases: { alias1: anchorOf('okta', JANE.id) },
			});
		});

		it('a membership change delivered to the main is executed by a worker too', async () => {
			okta.setMembership(MFA_USERS.id, JANE.id, true);
			okta.setMembership(VPN_USERS.id, JANE.id, true);
			const events = [
				...oktaEvents.memberAdded(JANE, MFA_USERS),
				...oktaEvents.memberAdded(JANE, VPN_USERS),
			];
			run.push(...(await deliver(MANUAL, viaMain, events, 1)));
			expectRunByWorkers(run.slice(-1));
			expect(existingDuoUser(duo, JANE.login).groupNames).toEqual(['MFA-Users', 'VPN-Users']);
		});

		it('a suspension through the webhook process disables the Duo user', async () => {
			const user = okta.state.users.get(JANE.id);
			if (user) user.status = 'SUSPENDED';
			suspension = oktaDelivery(
				{ orgUrl: okta.url, hookId: viaWebhookProcess.id },
				oktaEvents.suspended(JANE),
			);
			run.push(...(await deliver(MANUAL, viaWebhookProcess, suspension, 1)));
			expectRunByWorkers(run.slice(-1));
			expect(existingDuoUser(duo, JANE.login).status).toBe('disabled');
		});

		it('the same suspension delivered again through the main starts no execution', async () => {
			const writes = duo.counts().writes;
			await deliver(MANUAL, viaMain, suspension, 0);
			expect(duo.counts().writes).toBe(writes);
		});

		it('with one worker killed (SIGKILL), the other runs the next delivery; the killed one restarts', async () => {
			const [victim, survivor] = cluster.workers;
			await cluster.process(victim).kill('SIGKILL');
			expect(cluster.process(victim).running()).toBe(false);

			const user = okta.state.users.get(JANE.id);
			if (user) user.status = 'ACTIVE';
			const [execution] = await deliver(MANUAL, viaWebhookProcess, oktaEvents.unsuspended(JANE), 1);
			run.push(execution);
			expectRunByWorkers([execution]);
			expect(cluster.executedBy(execution.id)).toBe(survivor);
			expect(existingDuoUser(duo, JANE.login).status).toBe('active');

			await cluster.process(victim).restart();
			expect(cluster.process(victim).running()).toBe(true);
		});

		it('a deletion through the main removes the Duo user; every execution ran on a worker', async () => {
			okta.state.users.delete(JANE.id);
			run.push(...(await deliver(MANUAL, viaMain, oktaEvents.deleted(JANE), 1)));
			expectRunByWorkers(run);
			expect(duoUser(duo, JANE.login)).toBeUndefined();
			expect(duo.snapshot().trash).toEqual([JANE.login]);
			expect(duo.snapshot().groups.map((group) => group.name)).toEqual(['MFA-Users', 'VPN-Users']);
			for (const name of ['main', 'webhook-1']) {
				expect(cluster.process(name).logs()).not.toMatch(/Worker (started|finished) execution/);
			}
		});
	});

	describe('automatic registration: publishing on the main registers the webhook process URL', () => {
		let hook: FakeOktaHook;

		it('creates and verifies one Okta hook for WEBHOOK_URL (the webhook process)', async () => {
			await cluster.publish(AUTOMATIC.id);
			const url = cluster.webhookUrl(triggerWebhookPath(AUTOMATIC));
			expect(url.startsWith(`${cluster.webhookProcessUrl}/webhook/`)).toBe(true);
			const hooks = hooksFor(okta, url);
			expect(hooks).toEqual([
				expect.objectContaining({ status: 'ACTIVE', verificationStatus: 'VERIFIED' }),
			]);
			[hook] = hooks;
			expect(hook.channel.config.authScheme?.value).not.toBe(eventHookSecret);
		});

		it('accepts every delivery Okta sends with the generated secret, each run by a worker', async () => {
			const statuses: number[] = [];
			const steps: Array<() => OktaLogEvent[]> = [
				() => oktaEvents.userCreated(SAM),
				() => {
					okta.setMembership(MFA_USERS.id, SAM.id, true);
					return oktaEvents.memberAdded(SAM, MFA_USERS);
				},
				() => {
					const user = okta.state.users.get(SAM.id);
					if (user) user.status = 'SUSPENDED';
					return oktaEvents.suspended(SAM);
				},
			];
			for (const step of steps) {
				const delivery = oktaDelivery({ orgUrl: okta.url, hookId: hook.id }, step());
				statuses.push((await okta.deliver(hook.id, delivery)).status);
			}
			expect(statuses).toEqual([200, 200, 200]);
			const executions = await cluster.waitForExecutions(AUTOMATIC.id, steps.length);
			expect(executions).toHaveLength(steps.length);
			expectRunByWorkers(executions);
			expect(existingDuoUser(duo, SAM.login)).toMatchObject({
				realname: 'Sam Rivera',
				status: 'disabled',
				groupNames: ['MFA-Users'],
			});
		});
	});
});
