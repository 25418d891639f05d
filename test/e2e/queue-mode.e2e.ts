import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
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
import { recordReliability } from '../../scripts/e2e/metrics';
import { executionItems, packedPackage, type N8nExecution } from '../../scripts/e2e/n8nInstance';
import { startQueueCluster, type QueueCluster } from '../../scripts/e2e/queueCluster';
import {
	comparableDuoState,
	deliveriesForEvents,
	oktaDirectoryOf,
	replayInChildProcess,
	standardMix,
	stateDifferences,
	type ComparableDuoState,
} from '../../scripts/reliability/standardMix';
import { eachConcurrently } from '../helpers/eachConcurrently';
import { seededRandom } from '../helpers/seededRandom';
import { triggerSource } from '../helpers/triggerSources';
import { wrongSecretsFor } from '../helpers/wrongSecrets';
import {
	countByStatus,
	executionSummaries,
	waitForFinishedExecutions,
} from './helpers/executionCounts';
import { duoUser, existingDuoUser, anchorOf } from './helpers/fakeDuoState';
import { fileHaystacks, secretHits, type Haystack } from './helpers/secretScan';

const SAMPLE = loadSampleWorkflows().find(
	(entry) => entry.file === 'okta-to-duo-lifecycle-sync.json',
)?.workflow as SampleWorkflow;
const TRIGGER_TYPE = 'n8n-nodes-idp-mfa-sync.idpEventTrigger';

interface VariantOptions {
	/** Trigger options. */
	trigger?: Record<string, unknown>;
	/** Options of the Duo node. */
	duo?: Record<string, unknown>;
	/** Credential references by type, replacing the sample's. */
	credentials?: Record<string, { id: string; name: string }>;
}

/** The lifecycle sample under another id and webhook path, with the trigger's registration set. */
function lifecycleVariant(
	id: string,
	webhookId: string,
	registration: 'manual' | 'automatic',
	variant: VariantOptions = {},
): SampleWorkflow {
	const credentials = (node: SampleWorkflow['nodes'][number]) =>
		Object.fromEntries(
			Object.entries(node.credentials ?? {}).map(([type, ref]) => [
				type,
				variant.credentials?.[type] ?? ref,
			]),
		);
	return {
		...SAMPLE,
		id,
		name: `${SAMPLE.name} [${id}]`,
		nodes: SAMPLE.nodes.map((node) =>
			node.type === TRIGGER_TYPE
				? {
						...node,
						webhookId,
						parameters: {
							...node.parameters,
							registration,
							options: { ...node.parameters.options, ...variant.trigger },
						},
						credentials: credentials(node),
					}
				: {
						...node,
						parameters: {
							...node.parameters,
							options: { ...node.parameters.options, ...variant.duo },
						},
						credentials: credentials(node),
					},
		),
	};
}
const MANUAL = lifecycleVariant('queueManual00001', 'queue-okta-duo-manual', 'manual');
const AUTOMATIC = lifecycleVariant('queueAutomatic01', 'queue-okta-duo-automatic', 'automatic');

/**
 * The standard mix through its own fake Okta and Duo: Include Groups on, so that memberships follow the
 * IdP whatever order the deliveries are applied in, and Reset On "Any MFA Reset", as the mix resets Duo on
 * every Okta MFA reset (what bench/mixRun.js replays in process).
 */
const MIX_CREDENTIALS = {
	oktaIdpApi: { id: 'queueMixOkta0001', name: 'Okta (standard mix)' },
	duoAdminApi: { id: 'queueMixDuo00001', name: 'Duo Security (standard mix)' },
};
const MIX = lifecycleVariant('queueStandardMix', 'queue-standard-mix', 'automatic', {
	trigger: { includeGroups: true },
	duo: { resetOn: 'anyReset' },
	credentials: MIX_CREDENTIALS,
});
/** Every resend reaches the Duo node (duplicate window off), which must stay right on its own. */
const DESIRED = lifecycleVariant('queueDesiredSta1', 'queue-desired-state', 'automatic', {
	trigger: { dedupeWindowMinutes: 0 },
	duo: { retryBaseDelayMs: 20 },
});

/**
 * Bull's lock on a running job, renewed by the worker that runs it (n8n 2.41.1 reads these; defaults 60 s,
 * 10 s and 30 s). Shorter, a job whose worker died is failed in seconds rather than about a minute and a
 * half; long enough that a busy worker still renews it.
 */
const QUEUE_LOCKS = {
	QUEUE_WORKER_LOCK_DURATION: '8000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '2000',
	QUEUE_WORKER_STALLED_INTERVAL: '4000',
};
/** See reliability.e2e.ts: n8n 2.41.1's default engine costs an isolate per webhook request and execution. */
const FAST_EXPRESSION_ENGINE = { N8N_EXPRESSION_ENGINE: 'legacy' };
const MIX_EVENTS = 2000;
/** Deliveries after the first 2,000 events, each sent to the main and the webhook process at once. */
const TWICE_AT_ONCE = 40;
const BAD_SECRETS = 1000;

/** The Okta events behind every identity event type: what the README tells an admin to subscribe. */
const SUBSCRIBED = oktaEventTypesFor([...IDENTITY_EVENT_TYPES]);

const JANE: OktaUserRef = { id: '00uJDOE0000000000001', login: 'jane.doe@acme.test' };
const ALEX: OktaUserRef = { id: '00uAKIM000000000001', login: 'alex.kim@acme.test' };
const KIM: OktaUserRef = { id: '00uKLEE000000000001', login: 'kim.lee@acme.test' };
const SAM: OktaUserRef = { id: '00uSRIVERA000000001', login: 'sam.rivera@acme.test' };
const MFA_USERS = { id: '00gMFAUSERS00000001', name: 'MFA-Users' };
const VPN_USERS = { id: '00gVPNUSERS00000001', name: 'VPN-Users' };

/** Time for n8n to have stored an execution if the request had started one. */
const settle = () => sleep(1500);

describe('Okta → Duo in n8n 2.41.1 queue mode (main, webhook process, two workers)', () => {
	const secret = () => randomBytes(24).toString('base64url');
	const eventHookSecret = secret();
	/** Every secret configured in a credential, searched for after the run. */
	const SECRETS = {
		oktaApiToken: secret(),
		mixOktaApiToken: secret(),
		eventHookSecret,
		duoSecretKey: secret(),
		mixDuoSecretKey: secret(),
	};
	let okta: FakeOkta;
	let duo: FakeDuo;
	let mixOkta: FakeOkta;
	let mixDuo: FakeDuo;
	let cluster: QueueCluster;
	let cleanupPackage: () => void = () => undefined;
	const mix = standardMix();
	const prefix = deliveriesForEvents(mix, MIX_EVENTS);
	/** Started at once: Duo's state after the prefix, and after the deliveries sent twice, replayed in one process. */
	let reference: Promise<Record<number, ComparableDuoState>>;

	beforeAll(async () => {
		okta = await startFakeOkta({
			apiToken: SECRETS.oktaApiToken,
			users: [
				{
					id: JANE.id,
					profile: { login: JANE.login, email: JANE.login, firstName: 'Jane', lastName: 'Doe' },
				},
				{
					id: SAM.id,
					profile: { login: SAM.login, email: SAM.login, firstName: 'Sam', lastName: 'Rivera' },
				},
				{
					id: ALEX.id,
					profile: { login: ALEX.login, email: ALEX.login, firstName: 'Alex', lastName: 'Kim' },
				},
				{
					id: KIM.id,
					profile: { login: KIM.login, email: KIM.login, firstName: 'Kim', lastName: 'Lee' },
				},
			],
			groups: [MFA_USERS, VPN_USERS],
		});
		duo = await startFakeDuo({ skey: SECRETS.duoSecretKey });
		mixOkta = await startFakeOkta({ ...oktaDirectoryOf(mix), apiToken: SECRETS.mixOktaApiToken });
		mixDuo = await startFakeDuo({ seed: mix.duo, skey: SECRETS.mixDuoSecretKey });
		reference = replayInChildProcess({
			checkpoints: [prefix, prefix + TWICE_AT_ONCE],
			includeGroups: true,
		});
		reference.catch(() => undefined);
		const packed = await packedPackage();
		cleanupPackage = packed.cleanup;
		const sandboxWorkflows = [MANUAL, AUTOMATIC, DESIRED];
		cluster = await startQueueCluster({
			label: 'queue-mode.e2e',
			tarball: packed.tarball,
			credentials: [
				...sandboxCredentials(sandboxWorkflows, { okta, duo, eventHookSecret }),
				{
					...MIX_CREDENTIALS.oktaIdpApi,
					type: 'oktaIdpApi',
					data: { orgUrl: mixOkta.url, apiToken: mixOkta.apiToken, eventHookSecret },
				},
				{
					...MIX_CREDENTIALS.duoAdminApi,
					type: 'duoAdminApi',
					data: { integrationKey: mixDuo.ikey, secretKey: mixDuo.skey, apiHostname: mixDuo.url },
				},
			],
			workflows: [...sandboxWorkflows, MIX],
			env: { ...QUEUE_LOCKS, ...FAST_EXPRESSION_ENGINE },
		});
	}, 600_000);

	afterAll(async () => {
		await cluster?.stop();
		await okta?.close();
		await duo?.close();
		await mixOkta?.close();
		await mixDuo?.close();
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
			// One at a time, as an admin's changes a few seconds apart arrive: deliveries that overlap are
			// the reliability checks' subject below.
			for (const [index, step] of steps.entries()) {
				const delivery = oktaDelivery({ orgUrl: okta.url, hookId: hook.id }, step());
				statuses.push((await okta.deliver(hook.id, delivery)).status);
				await cluster.waitForExecutions(AUTOMATIC.id, index + 1);
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

	describe('reliability across processes', () => {
		interface Reply {
			status: number;
			emitted: number;
		}
		const mixPath = triggerWebhookPath(MIX);
		let mixHook: FakeOktaHook;
		let mixSecret: string;
		/** Where Duo differed from the replay after the prefix, by username (the next check adds none). */
		let prefixDifferences: string[] = [];
		const usernameOf = (difference: string) => difference.split(':')[0];
		const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);
		/** What each standard-mix delivery emitted when first accepted, by index. */
		const firstEmitted = new Map<number, number>();
		/** The ids of the stored duplicate window in a workflow's static data. */
		const windowOf = (staticData: unknown) => {
			const node = Object.values(staticData as Record<string, unknown>).find(
				(value) => typeof value === 'object' && value !== null && 'seenEvents' in value,
			) as { seenEvents?: { ids?: Record<string, number> } } | undefined;
			return new Set(Object.keys(node?.seenEvents?.ids ?? {}));
		};
		const staticDataOf = async (workflowId: string) =>
			((await cluster.api('GET', `/workflows/${workflowId}`)) as { staticData?: unknown })
				.staticData ?? {};

		/**
		 * Okta delivers to the URL it was given at registration, the webhook process, and retries once after a
		 * timeout (3 s) or a 5xx.
		 */
		async function viaOkta(delivery: OktaDelivery): Promise<Reply> {
			const reply = await mixOkta.deliver(mixHook.id, delivery);
			return { status: reply.status, emitted: Number(JSON.parse(reply.body || '{}').emitted ?? 0) };
		}
		/** A load balancer that sends the same URL to the main. */
		async function viaMain(delivery: OktaDelivery): Promise<Reply> {
			const reply = await cluster.sendTo('main', mixPath, {
				method: 'POST',
				headers: { authorization: mixSecret },
				json: delivery,
			});
			return { status: reply.status, emitted: Number(reply.json?.emitted ?? 0) };
		}
		const statuses = (replies: Reply[]) =>
			replies.reduce<Record<number, number>>((counts, reply) => {
				counts[reply.status] = (counts[reply.status] ?? 0) + 1;
				return counts;
			}, {});
		const workersOf = (ids: string[]) =>
			ids.reduce<Record<string, number>>((counts, id) => {
				const worker = cluster.executedBy(id) ?? 'no worker';
				counts[worker] = (counts[worker] ?? 0) + 1;
				return counts;
			}, {});

		beforeAll(async () => {
			await cluster.publish(MIX.id);
			[mixHook] = hooksFor(mixOkta, cluster.webhookUrl(mixPath));
			mixSecret = mixHook.channel.config.authScheme?.value as string;
		});

		it(`automatic registration: the first ${MIX_EVENTS} standard-mix events, alternately to the webhook process (Okta's registered URL) and the main, are all accepted, run on workers, and leave Duo as replaying them in one process does`, async () => {
			const started = Date.now();
			const deliveries = mix.deliveries.slice(0, prefix) as OktaDelivery[];
			const replies: Reply[] = [];
			await eachConcurrently(deliveries, 4, async (delivery, index) => {
				replies[index] = index % 2 === 0 ? await viaOkta(delivery) : await viaMain(delivery);
				firstEmitted.set(index, replies[index].emitted);
			});
			const sentSeconds = (Date.now() - started) / 1000;
			expect(statuses(replies)).toEqual({ 200: prefix });
			const emitting = replies.filter((reply) => reply.emitted > 0).length;
			const executions = await waitForFinishedExecutions(cluster, [MIX.id], emitting, {
				timeoutMs: 400_000,
			});
			const finishedSeconds = (Date.now() - started) / 1000;
			const expected = (await reference)[prefix];
			const differences = stateDifferences(comparableDuoState(mixDuo.snapshot()), expected, 1000);
			prefixDifferences = differences;
			const workers = workersOf(executions.map((execution) => execution.id));
			recordReliability({
				check: `Queue mode: the first ${MIX_EVENTS} standard-mix events (${prefix} deliveries, enrichment and Include Groups on), 4 at a time, alternately to the webhook process and the main`,
				measured: `${statuses(replies)[200] ?? 0}/${prefix} accepted with the derived secret; ${executions.length} executions ${JSON.stringify(countByStatus(executions))} on ${JSON.stringify(workers)}; Duo vs the in-process replay: ${differences.length} differences over ${Object.keys(expected.users).length} users and ${expected.deleted.length} deletions${differences.length ? ` (${differences.slice(0, 3).join('; ')})` : ''}; sent in ${sentSeconds.toFixed(1)} s, all executions finished after ${finishedSeconds.toFixed(1)} s`,
				goal: 'all accepted, 0 failed executions, 0 differences',
			});
			// A delivery Okta retried after a timeout may have run twice; none may fail.
			expect(executions.filter((execution) => execution.status !== 'success')).toEqual([]);
			expect(executions.length).toBeGreaterThanOrEqual(emitting);
			expect(Object.keys(workers).sort()).toEqual(cluster.workers);
			expect(differences).toEqual([]);
			expect(Object.keys(expected.users).length).toBeGreaterThan(2000);
		}, 600_000);

		it(`${TWICE_AT_ONCE} further deliveries, each sent to the main and the webhook process at the same instant: every execution succeeds and Duo is still exact`, async () => {
			const before = new Set(
				(await executionSummaries(cluster, MIX.id)).map((execution) => execution.id),
			);
			const deliveries = mix.deliveries.slice(prefix, prefix + TWICE_AT_ONCE) as OktaDelivery[];
			const pairs: Reply[][] = [];
			for (const [offset, delivery] of deliveries.entries()) {
				const pair = await Promise.all([viaOkta(delivery), viaMain(delivery)]);
				pairs.push(pair);
				firstEmitted.set(prefix + offset, Math.max(...pair.map((reply) => reply.emitted)));
			}
			const replies = pairs.flat();
			expect(statuses(replies)).toEqual({ 200: 2 * TWICE_AT_ONCE });
			const emitting = replies.filter((reply) => reply.emitted > 0).length;
			const all = await waitForFinishedExecutions(cluster, [MIX.id], before.size + emitting, {
				timeoutMs: 300_000,
			});
			const executions = all.filter((execution) => !before.has(execution.id));
			const expected = (await reference)[prefix + TWICE_AT_ONCE];
			const differences = stateDifferences(comparableDuoState(mixDuo.snapshot()), expected, 1000);
			const earlier = new Set(prefixDifferences.map(usernameOf));
			const added = differences.filter((difference) => !earlier.has(usernameOf(difference)));
			const bothRan = pairs.filter((pair) => pair.every((reply) => reply.emitted > 0)).length;
			recordReliability({
				check: `Queue mode: ${TWICE_AT_ONCE} standard-mix deliveries, each sent to the main and the webhook process at the same instant (duplicate window on)`,
				measured: `${executions.length} executions ${JSON.stringify(countByStatus(executions))}: both copies ran for ${bothRan} deliveries, the window stopped one copy of ${TWICE_AT_ONCE - bothRan}; Duo vs the in-process replay: ${differences.length} differences, ${added.length} not already there after the prefix`,
				goal: '0 failed executions (earlier: 87 of 362 failed), no new difference',
			});
			expect(executions.filter((execution) => execution.status !== 'success')).toEqual([]);
			expect(executions.length).toBeGreaterThanOrEqual(emitting);
			expect(emitting).toBeGreaterThanOrEqual(TWICE_AT_ONCE);
			expect(added).toEqual([]);
		}, 600_000);

		it(`resends of the last 100 prefix deliveries and of the ${TWICE_AT_ONCE} sent twice, one at a time and alternately to the webhook process and the main: every reply 200, no write to Duo and no change in it`, async () => {
			const first = prefix - 100;
			const indexes = Array.from({ length: prefix + TWICE_AT_ONCE - first }, (_, i) => first + i);
			const before = (await executionSummaries(cluster, MIX.id)).length;
			const windowBefore = await staticDataOf(MIX.id);
			const writesBefore = mixDuo.counts().writes;
			const stateBefore = comparableDuoState(mixDuo.snapshot());
			const replies: Reply[] = [];
			for (const [turn, index] of indexes.entries()) {
				const delivery = mix.deliveries[index] as OktaDelivery;
				replies.push(turn % 2 === 0 ? await viaOkta(delivery) : await viaMain(delivery));
			}
			const emittedBefore = indexes.filter((index) => (firstEmitted.get(index) ?? 0) > 0).length;
			const emittedAgain = replies.filter((reply) => reply.emitted > 0).length;
			const after = await waitForFinishedExecutions(cluster, [MIX.id], before + emittedAgain);
			const resent = after.slice(before);
			const stored = windowOf(windowBefore);
			const uuids = indexes.flatMap((index) =>
				(mix.deliveries[index] as OktaDelivery).data.events.map((event) => event.uuid),
			);
			const missing = uuids.filter((uuid) => !stored.has(uuid)).length;
			const writes = mixDuo.counts().writes - writesBefore;
			const changed = stateDifferences(comparableDuoState(mixDuo.snapshot()), stateBefore, 1000);
			recordReliability({
				check: `Queue mode: ${indexes.length} already-handled standard-mix deliveries resent one at a time, alternately to the webhook process and the main (enrichment on)`,
				measured: `${JSON.stringify(statuses(replies))}; ${emittedAgain} emitted again (${emittedBefore} had emitted the first time), ${resent.length} executions ${JSON.stringify(countByStatus(resent))}; before resending, ${missing} of their ${uuids.length} event ids were missing from the stored window (${stored.size} ids stored); Duo: ${writes} writes, ${changed.length} differences`,
				goal: '0 writes and no change in Duo; re-emitted: 0 where the stored window holds',
			});
			expect(statuses(replies)).toEqual({ 200: indexes.length });
			expect(emittedBefore).toBeGreaterThan(indexes.length / 2);
			expect(resent).toHaveLength(emittedAgain);
			expect(countByStatus(resent)).toEqual(emittedAgain ? { success: emittedAgain } : {});
			expect(writes).toBe(0);
			expect(changed).toEqual([]);
			// A resend is suppressed exactly when its ids are in the stored window.
			const suppressible = indexes.filter((index) =>
				(mix.deliveries[index] as OktaDelivery).data.events.every((event) => stored.has(event.uuid)),
			).length;
			expect(emittedAgain).toBeLessThanOrEqual(indexes.length - suppressible);
		}, 300_000);

		it(`${BAD_SECRETS} wrong or missing secrets, alternately to the webhook process and the main, are all refused with 401, start nothing and leave static data as it was; the right secret then starts one execution`, async () => {
			const fresh = mix.deliveries[prefix + TWICE_AT_ONCE] as OktaDelivery;
			const executionsBefore = (await executionSummaries(cluster, MIX.id)).length;
			const staticBefore = await staticDataOf(MIX.id);
			const wrong = wrongSecretsFor(triggerSource('okta'), mixSecret, seededRandom(10));
			const replies: number[] = [];
			const byProcess: Record<string, number> = {};
			await eachConcurrently(wrong, 4, async (value, index) => {
				const via = index % 2 === 0 ? 'webhook-1' : 'main';
				const reply = await cluster.sendTo(via, mixPath, {
					method: 'POST',
					headers: value === undefined ? {} : { authorization: value },
					json: fresh,
				});
				replies.push(reply.status);
				byProcess[via] = (byProcess[via] ?? 0) + 1;
			});
			const executionsAfter = await waitForFinishedExecutions(cluster, [MIX.id], executionsBefore);
			const staticAfter = await staticDataOf(MIX.id);
			const refused = replies.filter((status) => status === 401).length;
			recordReliability({
				check: 'Queue mode: wrong or missing secrets for the derived Okta hook secret (automatic registration, duplicate window on)',
				measured: `${wrong.length} requests ${JSON.stringify(byProcess)} → ${refused} × 401, ${replies.length - refused} other; ${executionsAfter.length - executionsBefore} executions; static data ${JSON.stringify(staticAfter) === JSON.stringify(staticBefore) ? 'unchanged' : 'CHANGED'}`,
				goal: '≥ 1,000 → all 401, 0 executions, static data unchanged',
			});
			expect(refused).toBe(BAD_SECRETS);
			expect(replies).toHaveLength(BAD_SECRETS);
			expect(executionsAfter).toHaveLength(executionsBefore);
			expect(staticAfter).toEqual(staticBefore);
			expect(JSON.stringify(staticBefore)).toContain('seenEvents');

			// The control: the same delivery with the right secret is accepted and runs.
			const accepted = await viaOkta(fresh);
			expect(accepted.status).toBe(200);
			expect(accepted.emitted).toBeGreaterThan(0);
			const finished = await waitForFinishedExecutions(cluster, [MIX.id], executionsBefore + 1);
			expect(countByStatus(finished.slice(executionsBefore))).toEqual({ success: 1 });
		}, 300_000);

		describe('a user event handled by two processes, and a worker that dies', () => {
			const desiredPath = triggerWebhookPath(DESIRED);
			let hook: FakeOktaHook;
			const delivery = (events: OktaLogEvent[]) =>
				oktaDelivery({ orgUrl: okta.url, hookId: hook.id }, events);
			const toMain = async (sent: OktaDelivery) =>
				(
					await cluster.sendTo('main', desiredPath, {
						method: 'POST',
						headers: { authorization: hook.channel.config.authScheme?.value as string },
						json: sent,
					})
				).status;
			const toWebhookProcess = async (sent: OktaDelivery) =>
				(await okta.deliver(hook.id, sent)).status;
			const applied = (execution: N8nExecution) =>
				executionItems(execution, 'Apply to Duo').map((item) => item.json);
			const oktaUser = (user: OktaUserRef) => okta.state.users.get(user.id) as { status: string };

			async function executionsAfter(
				send: () => Promise<unknown>,
				expected: number,
			): Promise<N8nExecution[]> {
				const before = (await cluster.executions({ workflowId: DESIRED.id })).length;
				await send();
				const all = await cluster.waitForExecutions(DESIRED.id, before + expected, 60_000);
				return all.slice(before);
			}

			beforeAll(async () => {
				await cluster.publish(DESIRED.id);
				[hook] = hooksFor(okta, cluster.webhookUrl(desiredPath));
				for (const user of [ALEX, KIM]) {
					const [created] = await executionsAfter(
						() => toWebhookProcess(delivery(oktaEvents.userCreated(user))),
						1,
					);
					expect(created.status).toBe('success');
					expect(existingDuoUser(duo, user.login).status).toBe('active');
				}
			});

			it('overlapping "suspended" (main) and "unsuspended" (webhook process), then a late resend of the first: the user stays active', async () => {
				const held = okta.holdReads(`/api/v1/users/${ALEX.id}`);
				oktaUser(ALEX).status = 'SUSPENDED';
				const first = delivery(oktaEvents.suspended(ALEX));
				const before = (await cluster.executions({ workflowId: DESIRED.id })).length;
				expect(await toMain(first)).toBe(200);
				while (held.waiting() < 1) await sleep(20);
				// While the main still enriches the first, the admin unsuspends Alex; Okta sends that to the webhook process.
				oktaUser(ALEX).status = 'ACTIVE';
				expect(await toWebhookProcess(delivery(oktaEvents.unsuspended(ALEX)))).toBe(200);
				while (held.waiting() < 2) await sleep(20);
				held.release();
				const overlapping = (await cluster.waitForExecutions(DESIRED.id, before + 2)).slice(before);
				expect(overlapping.map((execution) => execution.status)).toEqual(['success', 'success']);
				// Stale either way: the IdP reports Alex active, or (applied second) a newer state was applied.
				expect(
					overlapping.flatMap(applied).find((item) => item.eventType === 'user.suspended'),
				).toMatchObject({ action: 'unchanged', reason: expect.stringMatching(/^stale: /) });
				expect(existingDuoUser(duo, ALEX.login).status).toBe('active');

				// Okta resends the first delivery, this time to the webhook process.
				const [resent] = await executionsAfter(() => toWebhookProcess(first), 1);
				expect(resent.status).toBe('success');
				expect(applied(resent)).toEqual([
					expect.objectContaining({ action: 'unchanged', eventType: 'user.suspended' }),
				]);
				expect(existingDuoUser(duo, ALEX.login).status).toBe('active');
				recordReliability({
					check:
						'Queue mode: overlapping "suspended" (main) and "unsuspended" (webhook process) for one user, then a late resend of the first',
					measured: `3 executions ${JSON.stringify(countByStatus([...overlapping, resent]))} on ${JSON.stringify(workersOf([...overlapping, resent].map((execution) => String(execution.id))))}; the suspension said ${JSON.stringify(String(overlapping.flatMap(applied).find((item) => item.eventType === 'user.suspended')?.reason).slice(0, 60))}…; Duo user active`,
					goal: 'the stale event changes nothing, the user ends active',
				});
			});

			it('a worker killed (SIGKILL) in the middle of an execution: the execution ends "error" as a stalled job, n8n\'s Retry replays nothing, and the next event about the user converges Duo', async () => {
				// Bull's stalled-job check runs in the workers: the other one must be up.
				for (const worker of cluster.workers) {
					if (!cluster.process(worker).running()) await cluster.process(worker).restart();
				}
				oktaUser(KIM).status = 'SUSPENDED';
				duo.injectFaults({ status: 'hang', method: 'POST', count: 1 });
				const before = new Set(
					(await executionSummaries(cluster, DESIRED.id)).map((execution) => execution.id),
				);
				expect(await toWebhookProcess(delivery(oktaEvents.suspended(KIM)))).toBe(200);
				while (!duo.calls.some((call) => call.status === 'hang')) await sleep(50);
				const [running] = (await executionSummaries(cluster, DESIRED.id)).filter(
					(execution) => !before.has(execution.id),
				);
				const victim = cluster.workers.find((name) =>
					new RegExp(`Worker started execution ${running.id} \\(job`).test(
						cluster.process(name).logs(),
					),
				) as string;
				expect(cluster.workers).toContain(victim);
				const killedAt = Date.now();
				await cluster.process(victim).kill('SIGKILL');
				duo.clearFaults();
				let ended = running;
				while (!FINISHED.has(ended.status) && Date.now() - killedAt < 180_000) {
					await sleep(500);
					const [now] = (await executionSummaries(cluster, DESIRED.id)).filter(
						(execution) => execution.id === running.id,
					);
					ended = now ?? ended;
				}
				const endedAfter = (Date.now() - killedAt) / 1000;
				const failed = (await cluster.api(
					'GET',
					`/executions/${running.id}?includeData=true`,
				)) as N8nExecution & {
					data: { executionData?: { nodeExecutionStack: unknown[] } };
				};
				expect(failed.status).toBe('error');
				expect(failed.data.resultData.error?.message).toMatch(
					/failed to be processed too many times/,
				);
				// Nothing of the delivery is left to replay: no node ran, and no input waits on the stack.
				expect(failed.data.resultData.runData).toEqual({});
				expect(failed.data.executionData?.nodeExecutionStack ?? []).toEqual([]);
				expect(existingDuoUser(duo, KIM.login).status).toBe('active');
				// The other worker runs what follows; this is the file's last test, so the victim stays down.

				const retried = (await cluster.api(
					'POST',
					`/executions/${running.id}/retry`,
					{},
				)) as N8nExecution;
				expect(retried).toMatchObject({ mode: 'retry', status: 'error' });
				expect(retried.data?.resultData.error?.message).toMatch(
					/failed to be processed too many times/,
				);
				expect(existingDuoUser(duo, KIM.login).status).toBe('active');

				// What recovers the user: the next event about it carries the IdP's current state.
				const [next] = await executionsAfter(
					() => toWebhookProcess(delivery(oktaEvents.profileUpdated(KIM))),
					1,
				);
				expect(next.status).toBe('success');
				expect(applied(next)).toEqual([
					expect.objectContaining({ action: 'disabled', eventType: 'user.updated' }),
				]);
				expect(existingDuoUser(duo, KIM.login).status).toBe('disabled');
				recordReliability({
					check: `Queue mode: ${victim} killed (SIGKILL) while its execution waits on Duo (QUEUE_WORKER_LOCK_DURATION=${QUEUE_LOCKS.QUEUE_WORKER_LOCK_DURATION}, QUEUE_WORKER_STALLED_INTERVAL=${QUEUE_LOCKS.QUEUE_WORKER_STALLED_INTERVAL} ms)`,
					measured: `execution "${ended.status}" ${endedAfter.toFixed(1)} s after the kill ("${failed.data.resultData.error?.message.slice(0, 60)}…"), not retried by n8n, no input kept (runData {}, empty stack); POST /executions/{id}/retry → execution ${retried.id} "${retried.status}" with the same error, nothing replayed; the next Okta event about the user → ${next.status}, Duo user disabled`,
					goal: "say what recovers it: here the next event about the user (or a reconcile); n8n's Retry does not",
				});
			}, 300_000);
		});
	});

	it("no configured or derived secret is in any process's log, the workflows, any execution's data or PostgreSQL's files", async () => {
		const hooks = [...okta.state.eventHooks.values(), ...mixOkta.state.eventHooks.values()];
		const derived = Object.fromEntries(
			hooks
				.map((hook) => [`hook ${hook.id} secret`, hook.channel.config.authScheme?.value as string])
				.filter(([, value]) => value !== eventHookSecret),
		);
		const secrets = { ...SECRETS, ...derived };
		const workflows = await Promise.all(
			[MANUAL, AUTOMATIC, DESIRED, MIX].map((workflow) =>
				cluster.api('GET', `/workflows/${workflow.id}`),
			),
		);
		const executions = await cluster.executions();
		const databaseFiles = fileHaystacks(filesUnder(cluster.postgres.folder));
		const haystacks: Haystack[] = [
			...cluster.names.map((name) => ({
				where: `${name}'s log`,
				content: Buffer.from(cluster.process(name).logs()),
			})),
			{ where: 'the workflows (public API)', content: Buffer.from(JSON.stringify(workflows)) },
			{
				where: `${executions.length} executions with data`,
				content: Buffer.from(JSON.stringify(executions)),
			},
			...databaseFiles,
		];
		const hits = secretHits(secrets, haystacks);
		// The scan finds what is there: Okta's hook registry and n8n's import file hold them in plain text.
		const control = secretHits(secrets, [
			{ where: "Okta's hooks", content: Buffer.from(JSON.stringify(hooks)) },
			...fileHaystacks([
				path.join(path.dirname(cluster.userFolder), 'import', 'credentials.json'),
			]),
		]);
		recordReliability({
			check: 'Queue mode: secret scan after the run',
			measured: `${Object.keys(secrets).length} secrets (${Object.keys(derived).length} derived hook secrets) × ${cluster.names.length} process logs, ${workflows.length} workflows, ${executions.length} executions with data, ${databaseFiles.length} PostgreSQL files (${databaseFiles.reduce((sum, file) => sum + file.content.length, 0)} bytes) → ${hits.length} hits${hits.length ? `: ${hits.join('; ')}` : ''}`,
			goal: '0 hits',
		});
		expect(Object.keys(derived).length).toBeGreaterThanOrEqual(3);
		expect(new Set(control.map((hit) => hit.split(' in ')[0]))).toEqual(
			new Set(Object.keys(secrets)),
		);
		expect(executions.length).toBeGreaterThan(prefix);
		expect(hits).toEqual([]);
	}, 300_000);
});

/** Every regular file under `folder`, recursively. */
function filesUnder(folder: string): string[] {
	return fs
		.readdirSync(folder, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => path.join(entry.parentPath, entry.name));
}
