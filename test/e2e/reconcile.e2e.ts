import { randomBytes } from 'node:crypto';

import { startFakeDuo, type FakeDuo } from '../../sandbox/duo/server';
import { startFakeOkta, type FakeOkta } from '../../sandbox/okta/server';
import { loadSampleWorkflows, sandboxCredentials, type SampleWorkflow } from '../../scripts/demo/samples';
import { executionItems, type N8nHandle } from '../../scripts/e2e/n8nInstance';
import { packagedN8n } from './helpers/packagedN8n';

const SAMPLES = loadSampleWorkflows();
const sample = (file: string) => {
	const found = SAMPLES.find((entry) => entry.file === file);
	if (!found) throw new Error(`examples/${file} is missing`);
	return found.workflow;
};

/**
 * The sample with its schedule or manual trigger swapped for n8n's Webhook node, so the test can start
 * it; every other node is the sample's own.
 */
function startedByWebhook(workflow: SampleWorkflow, path: string): SampleWorkflow {
	const [start] = workflow.nodes.filter((node) => /scheduleTrigger|manualTrigger/.test(node.type));
	const webhook = {
		id: start.id,
		name: start.name,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: (start as unknown as { position: number[] }).position,
		webhookId: path,
		parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', options: {} },
	};
	return { ...workflow, nodes: workflow.nodes.map((node) => (node === start ? (webhook as typeof node) : node)) };
}

const REPORT = startedByWebhook(sample('okta-directory-to-duo-drift-report.json'), 'reconcile-report');
const BACKFILL = startedByWebhook(sample('okta-directory-to-duo-backfill.json'), 'reconcile-backfill');
const PLAN_NODE = 'Plan the Duo Changes';
const APPLY_NODE = 'Bring Duo in Line';

const people = Array.from({ length: 30 }, (_, i) => ({
	id: `00u${String(i).padStart(17, '0')}`,
	status: i % 10 === 9 ? 'SUSPENDED' : 'ACTIVE',
	profile: { login: `person${i}@acme.test`, email: `person${i}@acme.test`, firstName: `P${i}`, lastName: 'Person' },
}));
const groups = [
	{ id: '00gVPN00000000000001', name: 'VPN' },
	{ id: '00gSALES000000000001', name: 'Sales' },
];
const memberships = { [groups[0].id]: people.filter((_, i) => i % 2 === 0).map((p) => p.id), [groups[1].id]: people.filter((_, i) => i % 3 === 0).map((p) => p.id) };

describe('Reconcile samples in a real n8n 2.41.1: nightly drift report and first-day backfill', () => {
	const packaged = packagedN8n();
	let okta: FakeOkta;
	let duo: FakeDuo;
	let n8n: N8nHandle;
	let tenant: string;

	const run = async (workflow: SampleWorkflow, node: string) => {
		const before = (await n8n.executions({ workflowId: workflow.id })).length;
		const response = await fetch(n8n.webhookUrl(String(workflow.nodes.find((n) => n.type === 'n8n-nodes-base.webhook')?.webhookId)), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{}',
		});
		expect(response.status).toBe(200);
		const [execution] = (await n8n.waitForExecutions(workflow.id, before + 1)).slice(before);
		expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
		return executionItems(execution, node).map((item) => item.json);
	};
	const duoState = () =>
		Object.fromEntries(duo.snapshot().users.map((u) => [u.username, { status: u.status, groups: u.groupNames, alias1: u.aliases.alias1 }]));

	beforeAll(async () => {
		okta = await startFakeOkta({ users: people, groups, memberships });
		tenant = new URL(okta.url).host;
		duo = await startFakeDuo({
			seed: {
				groups: [{ name: 'VPN' }, { name: 'Sales' }, { name: 'Admins' }],
				users: [
					{ username: 'person0@acme.test', lastname: 'Old', groups: [{ name: 'Sales' }, { name: 'Admins' }] },
					{ username: 'person1@acme.test', lastname: 'Person', groups: [{ name: 'VPN' }] },
					{ username: 'left@acme.test', alias1: `idp:okta:${tenant}/00uLEFT`, groups: [{ name: 'VPN' }] },
					{ username: 'breakglass', groups: [{ name: 'Admins' }] },
				],
			},
		});
		n8n = await packaged.start({
			label: 'reconcile.e2e',
			credentials: sandboxCredentials([REPORT, BACKFILL], { okta, duo, eventHookSecret: randomBytes(16).toString('hex') }),
			workflows: [REPORT, BACKFILL],
		});
		await n8n.publish(REPORT.id);
		await n8n.publish(BACKFILL.id);
	}, 600_000);

	afterAll(async () => {
		await packaged.stop();
		await okta?.close();
		await duo?.close();
	});

	it('the nightly dry run reports the drift and writes nothing', async () => {
		const before = duo.snapshot();
		const [summary, ...changes] = await run(REPORT, PLAN_NODE);
		expect(duo.counts().writes).toBe(0);
		expect(duo.snapshot()).toEqual(before);
		expect(summary).toMatchObject({
			action: 'reconcile',
			dryRun: true,
			tenant,
			users: 30,
			orphans: 1,
			actions: { created: 28, updated: 2, disabled: 1 },
			drift: { lastname: 1, groups: 2 },
		});
		expect(changes).toHaveLength(31);
		const [onlySummary] = await run(REPORT, 'Drift Report');
		expect(onlySummary).toMatchObject({ action: 'reconcile', planned: 31 });
	});

	it('the first-day backfill applies that plan; orphans are disabled, Admins and unanchored users are untouched', async () => {
		const [summary] = await run(BACKFILL, APPLY_NODE);
		expect(summary).toMatchObject({ dryRun: false, planned: 31, applied: 31 });
		const state = duoState();
		for (const [i, person] of people.entries()) {
			const expectedGroups = [...(i % 2 === 0 ? ['VPN'] : []), ...(i % 3 === 0 ? ['Sales'] : [])];
			if (i === 0) expectedGroups.unshift('Admins');
			expect(state[person.profile.login]).toEqual({
				status: person.status === 'ACTIVE' ? 'active' : 'disabled',
				groups: expectedGroups.sort(),
				alias1: `idp:okta:${tenant}/${person.id}`,
			});
		}
		expect(state['left@acme.test']).toMatchObject({ status: 'disabled', groups: ['VPN'] });
		expect(state.breakglass).toEqual({ status: 'active', groups: ['Admins'] });

		const writes = duo.counts().writes;
		const [again] = await run(BACKFILL, APPLY_NODE);
		expect(again).toMatchObject({ planned: 0, applied: 0 });
		expect(duo.counts().writes).toBe(writes);
	});
});
