import { randomBytes } from 'node:crypto';
import { sleep } from 'n8n-workflow';

import { startFakeDuo, type FakeDuo } from '../../sandbox/duo/server';
import { startFakeOkta, type FakeOkta, type FakeOktaHook } from '../../sandbox/okta/server';
import { oktaDelivery, oktaEvents, type OktaDelivery, type OktaUserRef } from '../../scripts/demo/oktaDeliveries';
import { hooksFor, loadSampleWorkflows, sandboxCredentials, triggerWebhookPath, type SampleWorkflow } from '../../scripts/demo/samples';
import { executionItems, type N8nExecution, type N8nHandle } from '../../scripts/e2e/n8nInstance';
import { duoUser } from './helpers/fakeDuoState';
import { packagedN8n } from './helpers/packagedN8n';

const LIFECYCLE = loadSampleWorkflows().find((entry) => entry.file === 'okta-to-duo-lifecycle-sync.json')
	?.workflow as SampleWorkflow;
const TRIGGER = 'IdP Event Trigger';
const APPLY = 'Apply to Duo';

/**
 * The one-node sample with the trigger's duplicate window off: every resend reaches the Duo node, as
 * when n8n's last-writer-wins static data loses the ids the trigger recorded. The Duo node must stay
 * right on its own.
 */
const WORKFLOW: SampleWorkflow = {
	...LIFECYCLE,
	nodes: LIFECYCLE.nodes.map((node) =>
		node.name === TRIGGER
			? { ...node, parameters: { ...node.parameters, options: { dedupeWindowMinutes: 0 } } }
			: { ...node, parameters: { ...node.parameters, options: { ...node.parameters.options, retryBaseDelayMs: 20 } } },
	),
};

const JANE: OktaUserRef = { id: '00uJDOE0000000000001', login: 'jane.doe@acme.test' };

describe('desired state in a real n8n 2.41.1: late, duplicate and replayed Okta events', () => {
	const secret = randomBytes(24).toString('base64url');
	const packaged = packagedN8n();
	let okta: FakeOkta;
	let duo: FakeDuo;
	let n8n: N8nHandle;

	const hook = (): FakeOktaHook => hooksFor(okta, n8n.webhookUrl(triggerWebhookPath(WORKFLOW)))[0];
	const delivery = (events: ReturnType<typeof oktaEvents.suspended>) =>
		oktaDelivery({ orgUrl: okta.url, hookId: hook().id }, events);
	const executions = () => n8n.executions({ workflowId: WORKFLOW.id });
	const applied = (execution: N8nExecution) => executionItems(execution, APPLY).map((item) => item.json);
	const janeInOkta = () => okta.state.users.get(JANE.id) as { status: string };
	const janeInDuo = () => duoUser(duo, JANE.login);

	async function send(sent: OktaDelivery, expected: number): Promise<N8nExecution[]> {
		const before = (await executions()).length;
		expect(await okta.deliver(hook().id, sent)).toMatchObject({ status: 200 });
		const all = await n8n.waitForExecutions(WORKFLOW.id, before + expected);
		return all.slice(before);
	}

	beforeAll(async () => {
		okta = await startFakeOkta({
			users: [{ id: JANE.id, profile: { login: JANE.login, email: JANE.login, firstName: 'Jane', lastName: 'Doe' } }],
		});
		duo = await startFakeDuo();
		n8n = await packaged.start({
			label: 'desired-state.e2e',
			credentials: sandboxCredentials([WORKFLOW], { okta, duo, eventHookSecret: secret }),
			workflows: [WORKFLOW],
		});
		await n8n.publish(WORKFLOW.id);
		const [created] = await send(delivery(oktaEvents.userCreated(JANE)), 1);
		expect(created.status).toBe('success');
		expect(janeInDuo()).toMatchObject({ status: 'active', aliases: { alias1: `idp:okta:${new URL(okta.url).host}/${JANE.id}` } });
	}, 600_000);

	afterAll(async () => {
		await packaged.stop();
		await okta?.close();
		await duo?.close();
	});

	it('two overlapping deliveries, then a resend of the first: a stale "suspended" never disables an active user', async () => {
		const held = okta.holdReads(`/api/v1/users/${JANE.id}`);
		janeInOkta().status = 'SUSPENDED';
		const first = delivery(oktaEvents.suspended(JANE));
		const before = (await executions()).length;
		expect(await okta.deliver(hook().id, first)).toMatchObject({ status: 200 });
		while (held.waiting() < 1) await sleep(20);

		// While the first delivery is still enriching, the admin unsuspends Jane and Okta sends that too.
		janeInOkta().status = 'ACTIVE';
		expect(await okta.deliver(hook().id, delivery(oktaEvents.unsuspended(JANE)))).toMatchObject({ status: 200 });
		while (held.waiting() < 2) await sleep(20);
		held.release();
		const overlapping = (await n8n.waitForExecutions(WORKFLOW.id, before + 2)).slice(before);
		expect(overlapping.map((execution) => execution.status)).toEqual(['success', 'success']);
		const suspendResult = overlapping.flatMap(applied).find((item) => item.eventType === 'user.suspended');
		expect(suspendResult).toMatchObject({
			action: 'unchanged',
			reason: expect.stringMatching(/^stale: the event says suspended, but the identity provider reports the user active/),
		});
		expect(janeInDuo()?.status).toBe('active');

		// Okta resends the first delivery (same event uuids): still nothing to disable.
		const [resent] = await send(first, 1);
		expect(resent.status).toBe('success');
		expect(applied(resent)).toEqual([expect.objectContaining({ action: 'unchanged', eventType: 'user.suspended' })]);
		expect(janeInDuo()?.status).toBe('active');
	});

	it('an update of a user Okta reports active re-enables the Duo user, though no event said it was disabled', async () => {
		const [duoJane] = duo.snapshot().users;
		duo.state.users.get(duoJane.user_id)!.status = 'disabled';
		const [execution] = await send(delivery(oktaEvents.profileUpdated(JANE)), 1);
		expect(applied(execution)).toEqual([expect.objectContaining({ action: 'enabled', eventType: 'user.updated' })]);
		expect(janeInDuo()?.status).toBe('active');
	});

	it("n8n's Retry of an old reactivation after a deprovisioning leaves the user disabled", async () => {
		duo.injectFaults({ status: 500 });
		const [failed] = await send(delivery(oktaEvents.unsuspended(JANE)), 1);
		expect(failed.status).toBe('error');
		duo.clearFaults();

		janeInOkta().status = 'DEPROVISIONED';
		const [deprovisioned] = await send(delivery(oktaEvents.deactivated(JANE)), 1);
		expect(applied(deprovisioned)).toEqual([expect.objectContaining({ action: 'disabled' })]);
		expect(janeInDuo()?.notes).toMatch(/\[idp-mfa-sync\] state as of \S+$/);

		const before = (await executions()).length;
		const retry = (await n8n.api('POST', `/executions/${failed.id}/retry`, {})) as { id: string };
		const all = await n8n.waitForExecutions(WORKFLOW.id, before + 1);
		const retried = all.find((execution) => execution.id === String(retry.id)) as N8nExecution;
		expect(retried).toMatchObject({ status: 'success', mode: 'retry' });
		expect(applied(retried)).toEqual([
			expect.objectContaining({
				action: 'unchanged',
				eventType: 'user.reactivated',
				reason: expect.stringMatching(/^stale: the state in this event \(as of .+\) is older than the state last applied to this user/),
			}),
		]);
		expect(janeInDuo()?.status).toBe('disabled');
	});
});
