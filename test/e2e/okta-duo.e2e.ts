import { randomBytes } from 'node:crypto';
import { sleep } from 'n8n-workflow';

import { IdentityEventSchema, type IdentityEvent } from '../../nodes/shared/model';
import { startFakeDuo, type FakeDuo, type FakeDuoSnapshotUser } from '../../sandbox/duo/server';
import { startFakeOkta, type FakeOkta, type FakeOktaHook } from '../../sandbox/okta/server';
import {
	oktaDelivery,
	oktaEvents,
	type OktaDelivery,
	type OktaLogEvent,
	type OktaUserRef,
} from '../../scripts/demo/oktaDeliveries';
import {
	connectN8nApiCredential,
	hooksFor,
	loadSampleWorkflows,
	sandboxCredentials,
	triggerWebhookPath,
	type SampleWorkflow,
} from '../../scripts/demo/samples';
import { executionItems, type N8nExecution, type N8nHandle } from '../../scripts/e2e/n8nInstance';
import { duoUser, duoView, enrollDevices, existingDuoUser, anchorOf } from './helpers/fakeDuoState';
import { packagedN8n } from './helpers/packagedN8n';

const SAMPLES = loadSampleWorkflows();
function sample(file: string): SampleWorkflow {
	const found = SAMPLES.find((entry) => entry.file === file);
	if (!found) throw new Error(`examples/${file} is missing`);
	return found.workflow;
}
const LIFECYCLE = sample('okta-to-duo-lifecycle-sync.json');
const VISUAL = sample('okta-to-duo-visual-sync.json');
const ERROR_WORKFLOW = sample('error-workflow-record-failed-events.json');
const DUO_TYPE = 'n8n-nodes-idp-mfa-sync.duoSecurity';
const TRIGGER_NODE = 'IdP Event Trigger';

/**
 * The samples as imported. One change: every Duo node waits 50 ms instead of 1 s before retrying a
 * 5xx, so the error-workflow test's failing calls give up in well under a second.
 */
const IMPORTED = SAMPLES.map(({ workflow }) => ({
	...workflow,
	nodes: workflow.nodes.map((node) =>
		node.type === DUO_TYPE
			? {
					...node,
					parameters: {
						...node.parameters,
						options: { ...node.parameters.options, retryBaseDelayMs: 50 },
					},
				}
			: node,
	),
}));

const JANE: OktaUserRef = { id: '00uJDOE0000000000001', login: 'jane.doe@acme.test' };
const SAM: OktaUserRef = { id: '00uSRIVERA000000001', login: 'sam.rivera@acme.test' };
const MFA_USERS = { id: '00gMFAUSERS00000001', name: 'MFA-Users' };
const VPN_USERS = { id: '00gVPNUSERS00000001', name: 'VPN-Users' };
const BYSTANDER = 'breakglass.admin';

const oktaDirectory = () => ({
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
	groups: [MFA_USERS, VPN_USERS],
});

const duoAccount = () => ({
	groups: [{ group_id: 'DGMFAUSERS0000000001', name: 'MFA-Users', desc: 'Everyone who signs in' }],
	users: [
		{
			user_id: 'DUBREAKGLASS00000001',
			username: BYSTANDER,
			realname: 'Break Glass',
			email: 'it.admin@acme.test',
			groups: ['DGMFAUSERS0000000001'],
			phones: [{ phone_id: 'DPBREAKGLASS00000001', number: '+15555550100', activated: true }],
		},
	],
});

const SUSPEND_STEP = 'user.lifecycle.suspend disables the Duo user';

/** Time for n8n to have stored an execution if the request had started one. */
const settle = () => sleep(1500);

interface StepOutcome {
	delivery: OktaDelivery;
	executions: N8nExecution[];
}

interface Step {
	name: string;
	/** What changes in Okta (or, for enrollment, in Duo) before Okta sends the events. */
	prepare?: () => void;
	/** The events, or an earlier step's delivery to send again unchanged. */
	send: { events: () => OktaLogEvent[] } | { again: string };
	/** Executions the delivery starts. */
	executions: number;
	check: (outcome: StepOutcome) => void;
}

describe('Okta → Duo samples in a real n8n 2.41.1', () => {
	const eventHookSecret = randomBytes(24).toString('base64url');
	let okta: FakeOkta;
	let duo: FakeDuo;
	let n8n: N8nHandle;
	const packaged = packagedN8n();
	let bystander: FakeDuoSnapshotUser | undefined;

	async function startSandbox(ports?: { okta: number; duo: number }) {
		okta = await startFakeOkta({ ...oktaDirectory(), port: ports?.okta });
		duo = await startFakeDuo({ seed: duoAccount(), port: ports?.duo });
		bystander = duoUser(duo, BYSTANDER);
	}
	const sandboxPorts = () => ({
		okta: Number(new URL(okta.url).port),
		duo: Number(new URL(duo.url).port),
	});
	const oktaUser = (user: OktaUserRef) => {
		const found = okta.state.users.get(user.id);
		if (!found) throw new Error(`Okta has no user ${user.login}`);
		return found;
	};
	const hookOf = (workflow: SampleWorkflow): FakeOktaHook => {
		const [hook, ...others] = hooksFor(okta, n8n.webhookUrl(triggerWebhookPath(workflow)));
		if (!hook || others.length > 0) throw new Error(`Expected one Okta hook for ${workflow.name}`);
		return hook;
	};
	const executionsOf = async (workflow: SampleWorkflow) =>
		await n8n.executions({ workflowId: workflow.id });

	/** Sends a delivery through the fake Okta and returns the executions it started. */
	async function deliver(
		workflow: SampleWorkflow,
		delivery: OktaDelivery,
		expected: number,
	): Promise<N8nExecution[]> {
		const before = (await executionsOf(workflow)).length;
		const response = await okta.deliver(hookOf(workflow).id, delivery);
		expect(response).toMatchObject({ status: 200, attempts: 1 });
		if (expected === 0) {
			await settle();
			expect((await executionsOf(workflow)).length).toBe(before);
			return [];
		}
		const all = await n8n.waitForExecutions(workflow.id, before + expected);
		expect(all.length).toBe(before + expected);
		return all.slice(before);
	}

	/** Rows the error workflow wrote to its data table, oldest first. */
	async function failedEventRows(): Promise<Array<Record<string, string>>> {
		const tables = (await n8n.api('GET', '/data-tables')) as {
			data: Array<{ id: string; name: string }>;
		};
		const table = tables.data.find((entry) => entry.name === 'failed_identity_events');
		if (!table) return [];
		const rows = (await n8n.api(
			'GET',
			`/data-tables/${table.id}/rows?${new URLSearchParams({ sortBy: 'id:asc' })}`,
		)) as {
			data: Array<Record<string, string>>;
		};
		return rows.data;
	}

	/** Delivers Sam's creation while Duo answers every call with 500; returns the failed execution. */
	async function failSamCreation(workflow: SampleWorkflow) {
		okta.putUser({
			id: SAM.id,
			profile: { login: SAM.login, email: SAM.login, firstName: 'Sam', lastName: 'Rivera' },
		});
		duo.injectFaults({ status: 500 });
		const handledBefore = (await n8n.executions({ workflowId: ERROR_WORKFLOW.id })).length;
		const delivery = oktaDelivery(
			{ orgUrl: okta.url, hookId: hookOf(workflow).id },
			oktaEvents.userCreated(SAM),
		);
		const [failed] = await deliver(workflow, delivery, 1);
		expect(failed.status).toBe('error');
		expect(duoUser(duo, SAM.login)).toBeUndefined();
		const handled = await n8n.waitForExecutions(ERROR_WORKFLOW.id, handledBefore + 1);
		expect(handled.length).toBe(handledBefore + 1);
		expect(handled[handled.length - 1]).toMatchObject({ status: 'success', mode: 'error' });
		return { failed, delivery };
	}

	const duoUserOrFail = (username: string) => existingDuoUser(duo, username);

	/** Duo's id for the user the first step creates; later steps check it is kept. */
	let createdJaneId = '';

	const STEPS: Step[] = [
		{
			name: 'user.lifecycle.create creates the Duo user with the profile fetched from Okta',
			send: { events: () => oktaEvents.userCreated(JANE) },
			executions: 1,
			check: ({ executions }) => {
				const [event] = executionItems(executions[0], TRIGGER_NODE).map((item) =>
					IdentityEventSchema.parse(item.json),
				);
				expect(event).toMatchObject({ type: 'user.created', enrichment: { status: 'enriched' } });
				// The delivery names only the login; names and email come from the Okta profile.
				expect(duoUserOrFail(JANE.login)).toMatchObject({
					firstname: 'Jane',
					lastname: 'Doe',
					realname: 'Jane Doe',
					email: 'jane@mail.acme.test',
					status: 'active',
					aliases: { alias1: anchorOf('okta', JANE.id) },
					groupNames: [],
				});
			},
		},
		{
			name: 'user.account.update_profile updates the same Duo user from the changed Okta profile',
			prepare: () => {
				Object.assign(oktaUser(JANE).profile, {
					lastName: 'Doe-Smith',
					email: 'jane.doe-smith@mail.acme.test',
				});
			},
			send: { events: () => oktaEvents.profileUpdated(JANE) },
			executions: 1,
			check: () => {
				expect(duo.snapshot().users.filter((user) => user.username !== BYSTANDER)).toHaveLength(1);
				expect(duoUserOrFail(JANE.login)).toMatchObject({
					firstname: 'Jane',
					lastname: 'Doe-Smith',
					realname: 'Jane Doe-Smith',
					email: 'jane.doe-smith@mail.acme.test',
					status: 'active',
				});
			},
		},
		{
			name: 'group.user_membership.add puts the user in both groups, creating the one Duo lacks',
			prepare: () => {
				okta.setMembership(MFA_USERS.id, JANE.id, true);
				okta.setMembership(VPN_USERS.id, JANE.id, true);
			},
			send: {
				events: () => [
					...oktaEvents.memberAdded(JANE, MFA_USERS),
					...oktaEvents.memberAdded(JANE, VPN_USERS),
				],
			},
			executions: 1,
			check: () => {
				expect(duoUserOrFail(JANE.login).groupNames).toEqual(['MFA-Users', 'VPN-Users']);
				expect(duo.snapshot().groups.map((group) => group.name)).toEqual([
					'MFA-Users',
					'VPN-Users',
				]);
			},
		},
		{
			name: 'group.user_membership.remove takes the user out of that group only',
			prepare: () => okta.setMembership(VPN_USERS.id, JANE.id, false),
			send: { events: () => oktaEvents.memberRemoved(JANE, VPN_USERS) },
			executions: 1,
			check: () => {
				expect(duoUserOrFail(JANE.login).groupNames).toEqual(['MFA-Users']);
				expect(duo.snapshot().groups.map((group) => group.name)).toEqual([
					'MFA-Users',
					'VPN-Users',
				]);
			},
		},
		{
			name: SUSPEND_STEP,
			prepare: () => {
				oktaUser(JANE).status = 'SUSPENDED';
			},
			send: { events: () => oktaEvents.suspended(JANE) },
			executions: 1,
			check: () => expect(duoUserOrFail(JANE.login).status).toBe('disabled'),
		},
		{
			name: 'user.lifecycle.unsuspend enables the Duo user again',
			prepare: () => {
				oktaUser(JANE).status = 'ACTIVE';
			},
			send: { events: () => oktaEvents.unsuspended(JANE) },
			executions: 1,
			check: () => expect(duoUserOrFail(JANE.login).status).toBe('active'),
		},
		{
			name: 'user.lifecycle.suspend delivered again (same uuids) starts no execution and writes nothing',
			send: { again: SUSPEND_STEP },
			executions: 0,
			check: () => expect(duoUserOrFail(JANE.login).status).toBe('active'),
		},
		{
			name: 'an Identity Engine reset burst removes every Duo device but keeps the user and its groups',
			prepare: () => {
				enrollDevices(duo, JANE.login);
				expect(duoUserOrFail(JANE.login)).toMatchObject({
					phones: [expect.any(String)],
					tokens: [expect.any(String)],
					webauthn: [expect.any(String)],
					bypassCodes: [expect.any(String)],
				});
			},
			send: { events: () => oktaEvents.factorsReset(JANE) },
			executions: 1,
			check: ({ delivery, executions }) => {
				const items = executionItems(executions[0], TRIGGER_NODE).map((item) =>
					IdentityEventSchema.parse(item.json),
				);
				expect(items).toHaveLength(1);
				expect(items[0]).toMatchObject({
					type: 'user.mfa_reset',
					source: { eventIds: delivery.data.events.map((event) => event.uuid) },
				});
				expect(duoUserOrFail(JANE.login)).toMatchObject({
					user_id: createdJaneId,
					status: 'active',
					groupNames: ['MFA-Users'],
					phones: [],
					tokens: [],
					webauthn: [],
					u2f: [],
					bypassCodes: [],
				});
			},
		},
		{
			name: 'user.lifecycle.delete.initiated deletes the Duo user; its groups stay',
			prepare: () => {
				okta.state.users.delete(JANE.id);
				okta.setMembership(MFA_USERS.id, JANE.id, false);
			},
			send: { events: () => oktaEvents.deleted(JANE) },
			executions: 1,
			check: () => {
				expect(duoUser(duo, JANE.login)).toBeUndefined();
				expect(duo.snapshot().trash).toEqual([JANE.login]);
				expect(duo.snapshot().groups.map((group) => group.name)).toEqual([
					'MFA-Users',
					'VPN-Users',
				]);
			},
		},
	];
	/** Runs every step through a published workflow; `after` sees each step's final Duo state. */
	function scenario(workflow: SampleWorkflow, after: (step: Step) => void) {
		const sent = new Map<string, OktaDelivery>();
		for (const step of STEPS) {
			it(step.name, async () => {
				step.prepare?.();
				const hook = hookOf(workflow);
				const delivery =
					'again' in step.send
						? (sent.get(step.send.again) as OktaDelivery)
						: oktaDelivery({ orgUrl: okta.url, hookId: hook.id }, step.send.events());
				expect(delivery).toBeDefined();
				sent.set(step.name, delivery);
				const writes = duo.counts().writes;

				const executions = await deliver(workflow, delivery, step.executions);
				for (const execution of executions) {
					expect({ status: execution.status, mode: execution.mode }).toEqual({
						status: 'success',
						mode: 'webhook',
					});
				}
				if (step.executions === 0) expect(duo.counts().writes).toBe(writes);
				else expect(duo.counts().writes).toBeGreaterThan(writes);
				if (step === STEPS[0]) createdJaneId = duoUserOrFail(JANE.login).user_id;
				step.check({ delivery, executions });
				expect(duoUser(duo, BYSTANDER)).toEqual(bystander);
				after(step);
			});
		}
	}

	beforeAll(async () => {
		await startSandbox();
		n8n = await packaged.start({
			label: 'okta-duo.e2e',
			credentials: sandboxCredentials(IMPORTED, { okta, duo, eventHookSecret }),
			workflows: IMPORTED,
		});
		await connectN8nApiCredential(n8n, IMPORTED);
	}, 600_000);

	afterAll(async () => {
		await packaged.stop();
		await okta?.close();
		await duo?.close();
	});

	it('imports every sample workflow with its nodes, connections and error-workflow setting', async () => {
		for (const { workflow } of SAMPLES) {
			const stored = (await n8n.api('GET', `/workflows/${workflow.id}`)) as SampleWorkflow;
			expect(stored.name).toBe(workflow.name);
			expect(
				stored.nodes.map(({ name, type, typeVersion }) => ({ name, type, typeVersion })),
			).toEqual(workflow.nodes.map(({ name, type, typeVersion }) => ({ name, type, typeVersion })));
			expect(stored.connections).toEqual(workflow.connections);
		}
		for (const workflow of [LIFECYCLE, VISUAL]) {
			const stored = (await n8n.api('GET', `/workflows/${workflow.id}`)) as SampleWorkflow;
			expect(stored.settings).toMatchObject({ errorWorkflow: ERROR_WORKFLOW.id });
		}
	});

	const lifecycleViews = new Map<string, ReturnType<typeof duoView>>();

	describe('one-node workflow (IdP Event Trigger → Apply Identity Event)', () => {
		it('publishing creates, verifies and activates its Okta event hook', async () => {
			await n8n.publish(ERROR_WORKFLOW.id);
			await n8n.publish(LIFECYCLE.id);
			const hook = hookOf(LIFECYCLE);
			expect(hook).toMatchObject({ status: 'ACTIVE', verificationStatus: 'VERIFIED' });
			expect(hook.events.items).toEqual(
				expect.arrayContaining([
					'user.lifecycle.create',
					'user.account.update_profile',
					'group.user_membership.add',
					'group.user_membership.remove',
					'user.lifecycle.suspend',
					'user.lifecycle.unsuspend',
					'user.mfa.factor.deactivate',
					'user.lifecycle.delete.initiated',
				]),
			);
			expect(okta.verificationCalls).toContainEqual({
				hookId: hook.id,
				status: 200,
				challengeOk: true,
			});
		});

		scenario(LIFECYCLE, (step) => lifecycleViews.set(step.name, duoView(duo)));
	});

	describe('error workflow (Error Trigger → failed execution → data table)', () => {
		let failed: N8nExecution;
		let delivery: OktaDelivery;

		it('records each event of a failed sync with its Okta event id', async () => {
			({ failed, delivery } = await failSamCreation(LIFECYCLE));
			const rows = await failedEventRows();
			expect(rows).toHaveLength(1);
			const [row] = rows;
			const uuid = delivery.data.events[0].uuid;
			expect(row).toMatchObject({
				eventId: uuid,
				eventType: 'user.created',
				idp: 'okta',
				tenant: new URL(okta.url).host,
				userLogin: SAM.login,
				workflowName: LIFECYCLE.name,
				executionId: failed.id,
				failedNode: 'Apply to Duo',
			});
			expect(row.executionUrl).toMatch(
				new RegExp(`/workflow/${LIFECYCLE.id}/executions/${failed.id}$`),
			);
			expect(row.error).toMatch(/Duo/);
			const recorded: IdentityEvent = IdentityEventSchema.parse(JSON.parse(row.event));
			expect(recorded).toMatchObject({
				id: uuid,
				type: 'user.created',
				source: { eventIds: [uuid], deliveryId: delivery.eventId },
				user: { id: SAM.id, login: SAM.login, givenName: 'Sam' },
			});
		});

		it("n8n's Retry of the failed execution replays the events once Duo answers again", async () => {
			duo.clearFaults();
			const before = (await executionsOf(LIFECYCLE)).length;
			const retry = (await n8n.api('POST', `/executions/${failed.id}/retry`, {})) as { id: string };
			const all = await n8n.waitForExecutions(LIFECYCLE.id, before + 1);
			const retried = all.find((execution) => execution.id === String(retry.id));
			expect(retried).toMatchObject({ status: 'success', mode: 'retry' });
			expect(duoUserOrFail(SAM.login)).toMatchObject({
				firstname: 'Sam',
				lastname: 'Rivera',
				status: 'active',
				aliases: { alias1: anchorOf('okta', SAM.id) },
			});
		});
	});

	describe('visual workflow (IdP Event Trigger → Switch → one Duo operation per branch)', () => {
		it('unpublishing the one-node workflow removes its hook; publishing the visual one registers its own', async () => {
			const lifecycleHook = hookOf(LIFECYCLE);
			await n8n.unpublish(LIFECYCLE.id);
			expect(okta.state.eventHooks.has(lifecycleHook.id)).toBe(false);

			// A fresh Okta directory and Duo account on the same ports, so both runs start equal.
			const ports = sandboxPorts();
			await okta.close();
			await duo.close();
			await startSandbox(ports);

			await n8n.publish(VISUAL.id);
			expect(hookOf(VISUAL)).toMatchObject({ status: 'ACTIVE', verificationStatus: 'VERIFIED' });
		});

		scenario(VISUAL, (step) => expect(duoView(duo)).toEqual(lifecycleViews.get(step.name)));

		it('a failed execution is recorded once per event, though the Switch passed the event on too', async () => {
			const { failed, delivery } = await failSamCreation(VISUAL);
			duo.clearFaults();
			const rows = (await failedEventRows()).filter((row) => row.executionId === failed.id);
			expect(rows).toEqual([
				expect.objectContaining({
					eventId: delivery.data.events[0].uuid,
					workflowName: VISUAL.name,
					failedNode: 'Create or Update User',
				}),
			]);
		});
	});
});
