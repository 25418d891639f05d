import { randomBytes } from 'node:crypto';
import { sleep } from 'n8n-workflow';

import { IDENTITY_EVENT_TYPES, IdentityEventSchema } from '../../nodes/shared/model';
import PACKAGE from '../../package.json';
import { startFakeOkta, type FakeOkta } from '../../sandbox/okta/server';
import {
	executionItems,
	packedPackage,
	startN8n,
	type N8nHandle,
} from '../../scripts/e2e/n8nInstance';
import { oktaFixture } from '../helpers/oktaFixtures';

const NODE_NAME = 'IdP Event Trigger';
const CREDENTIAL = { id: 'e2eOktaCredent01', name: 'Okta (sandbox)' };
const MANUAL = { id: 'e2eOktaManual001', webhookId: '5f0c9e2a-2d1b-4c7e-9a51-6f3b8d2e1a01' };
const AUTOMATIC = { id: 'e2eOktaAutomat01', webhookId: '5f0c9e2a-2d1b-4c7e-9a51-6f3b8d2e1a02' };
const REFUSED = { id: 'e2eOktaRefused01', webhookId: '5f0c9e2a-2d1b-4c7e-9a51-6f3b8d2e1a03' };
const HOSTILE = { id: 'e2eOktaHostile01', webhookId: '5f0c9e2a-2d1b-4c7e-9a51-6f3b8d2e1a04' };
const JANE = '00uJDOE0000000000001';
const MFA_USERS = '00gMFAUSERS00000001';

function triggerWorkflow(
	workflow: { id: string; webhookId: string },
	name: string,
	parameters: Record<string, unknown>,
) {
	return {
		id: workflow.id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		connections: {},
		nodes: [
			{
				id: `${workflow.id}-trigger`,
				name: NODE_NAME,
				type: 'n8n-nodes-idp-mfa-sync.idpEventTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: workflow.webhookId,
				parameters: { provider: 'okta', ...parameters },
				credentials: { oktaIdpApi: CREDENTIAL },
			},
		],
	};
}

/** One Okta delivery carrying the events of several fixtures, in order. */
function deliveryOf(...fixtureNames: string[]) {
	const [first, ...rest] = fixtureNames.map((name) => oktaFixture(name));
	return {
		...first,
		eventId: randomBytes(16).toString('hex'),
		data: { events: [first, ...rest].flatMap((delivery) => delivery.data.events) },
	};
}

/** One Okta event from a fixture, with fields replaced. */
function eventWith(fixtureName: string, fields: Record<string, unknown>) {
	return { ...oktaFixture(fixtureName).data.events[0], ...fields };
}

/** Time for n8n to have stored an execution if the request had started one. */
async function settle(ms = 1500): Promise<void> {
	await sleep(ms);
}

describe('IdP Event Trigger in a real n8n 2.41.1', () => {
	const hookSecret = randomBytes(24).toString('base64url');
	let okta: FakeOkta;
	let n8n: N8nHandle;
	let cleanupPackage: () => void = () => undefined;

	beforeAll(async () => {
		okta = await startFakeOkta({
			users: [
				{
					id: JANE,
					profile: {
						login: 'jane.doe@acme.test',
						email: 'jane.doe@acme.test',
						firstName: 'Jane',
						lastName: 'Doe',
					},
				},
			],
			groups: [{ id: MFA_USERS, name: 'MFA-Users' }],
			memberships: { [MFA_USERS]: [JANE] },
		});
		const packed = await packedPackage();
		cleanupPackage = packed.cleanup;
		n8n = await startN8n({
			label: 'okta-trigger.e2e',
			tarball: packed.tarball,
			credentials: [
				{
					...CREDENTIAL,
					type: 'oktaIdpApi',
					data: { orgUrl: okta.url, apiToken: okta.apiToken, eventHookSecret: hookSecret },
				},
			],
			workflows: [
				triggerWorkflow(MANUAL, 'Okta events (manual hook)', {
					registration: 'manual',
					events: [...IDENTITY_EVENT_TYPES],
				}),
				triggerWorkflow(AUTOMATIC, 'Okta events (automatic hook)', {
					registration: 'automatic',
					events: ['user.suspended', 'user.reactivated', 'group.member_added'],
				}),
				triggerWorkflow(REFUSED, 'Okta events (hook creation refused)', {
					registration: 'automatic',
					events: ['user.created'],
				}),
				triggerWorkflow(HOSTILE, 'Okta events (hostile deliveries)', {
					registration: 'manual',
					events: [...IDENTITY_EVENT_TYPES],
					options: { enrich: false },
				}),
			],
		});
	}, 600_000);

	/** The trigger's static data as n8n stores it and its public API returns it. */
	async function triggerStaticData(workflowId: string): Promise<Record<string, unknown>> {
		const workflow = (await n8n.api('GET', `/workflows/${workflowId}`)) as {
			staticData?: Record<string, unknown> | null;
		};
		return (workflow.staticData?.[`node:${NODE_NAME}`] as Record<string, unknown> | undefined) ?? {};
	}

	afterAll(async () => {
		await n8n?.stop();
		await okta?.close();
		cleanupPackage();
	});

	it('loads every node the package registers, with every credential they reference', async () => {
		const { nodes, credentials } = await n8n.loadedTypes();
		const ours = nodes.filter((node) => node.name.startsWith(`${PACKAGE.name}.`));
		const names = new Set(ours.map((node) => node.name));
		// n8n adds a `<name>Tool` variant of every node that is usableAsTool.
		const registered = [...names].filter(
			(name) => !(name.endsWith('Tool') && names.has(name.slice(0, -'Tool'.length))),
		);
		expect(registered).toHaveLength(PACKAGE.n8n.nodes.length);
		expect(registered).toContain(`${PACKAGE.name}.idpEventTrigger`);
		const loadedCredentials = new Set(credentials.map((credential) => credential.name));
		const referenced = ours.flatMap((node) => (node.credentials ?? []).map((ref) => ref.name));
		expect(referenced.filter((name) => !loadedCredentials.has(name))).toEqual([]);
		expect(n8n.logs()).not.toMatch(/Unknown credential name/);
	});

	describe('manual registration, driven on the production URL', () => {
		let url: string;

		beforeAll(async () => {
			await n8n.publish(MANUAL.id);
			url = n8n.webhookUrl(`${MANUAL.webhookId}/events`);
			await n8n.waitForWebhook(url);
		});

		const post = (body: string, secret: string) =>
			fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: secret },
				body,
			});

		it("answers Okta's verification GET with the challenge", async () => {
			const response = await fetch(url, {
				headers: { 'x-okta-verification-challenge': 'k7Qw2Xb9fYpL3nR8sT1vU4' },
			});
			expect(response.status).toBe(200);
			expect(await response.json()).toEqual({ verification: 'k7Qw2Xb9fYpL3nR8sT1vU4' });
		});

		it('rejects a delivery with a wrong secret with 401 and starts no execution', async () => {
			const response = await post(
				JSON.stringify(deliveryOf('user.lifecycle.create')),
				'not-the-secret',
			);
			expect(response.status).toBe(401);
			await settle();
			expect(await n8n.executions({ workflowId: MANUAL.id })).toHaveLength(0);
			// n8n saves static data after a webhook call when the node changed it: a refused one must not
			expect(await triggerStaticData(MANUAL.id)).toEqual({});
		});

		it('rejects a malformed body with 400 and starts no execution', async () => {
			const response = await post(
				JSON.stringify({ data: { events: [{ uuid: 'x' }] } }),
				hookSecret,
			);
			expect(response.status).toBe(400);
			expect(await response.text()).toMatch(/not an Okta Event Hook delivery/);
			await settle();
			expect(await n8n.executions({ workflowId: MANUAL.id })).toHaveLength(0);
			expect(await triggerStaticData(MANUAL.id)).toEqual({});
		});

		it('turns a good delivery into one execution whose items are normalized, enriched events', async () => {
			const delivery = deliveryOf('user.lifecycle.create', 'group.user_membership.add');
			const response = await post(JSON.stringify(delivery), hookSecret);
			expect(response.status).toBe(200);

			const [execution] = await n8n.waitForExecutions(MANUAL.id, 1);
			expect(execution.status).toBe('success');
			expect(execution.mode).toBe('webhook');
			const items = executionItems(execution, NODE_NAME).map((item) => item.json);
			expect(items.map((event) => IdentityEventSchema.parse(event).type)).toEqual([
				'user.created',
				'group.member_added',
			]);
			const [created, added] = items.map((event) => IdentityEventSchema.parse(event));
			expect(created.source).toMatchObject({
				idp: 'okta',
				tenant: 'acme.okta.example',
				eventType: 'user.lifecycle.create',
				eventIds: [delivery.data.events[0].uuid],
				deliveryId: delivery.eventId,
			});
			// The delivery carries only id and login; the email comes from the fake Okta through n8n's credential.
			expect(created).toMatchObject({
				enrichment: { status: 'enriched' },
				user: { id: JANE, email: 'jane.doe@acme.test', givenName: 'Jane', status: 'active' },
			});
			expect(added).toMatchObject({
				user: { id: JANE },
				group: { id: MFA_USERS, name: 'MFA-Users' },
			});
			expect(okta.requests).toContainEqual(
				expect.objectContaining({ method: 'GET', path: `/api/v1/users/${JANE}`, status: 200 }),
			);
		});

		it('starts no second execution for a duplicate delivery of the same events', async () => {
			const delivery = deliveryOf('user.lifecycle.create', 'group.user_membership.add');
			const response = await post(JSON.stringify(delivery), hookSecret);
			expect(response.status).toBe(200);
			await settle();
			expect(await n8n.executions({ workflowId: MANUAL.id })).toHaveLength(1);
		});
	});

	describe('hostile deliveries, on the production URL', () => {
		let url: string;
		const post = (body: string) =>
			fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: hookSecret },
				body,
			});
		const executions = async () => await n8n.executions({ workflowId: HOSTILE.id });

		beforeAll(async () => {
			await n8n.publish(HOSTILE.id);
			url = n8n.webhookUrl(`${HOSTILE.webhookId}/events`);
			await n8n.waitForWebhook(url);
		});

		it('refuses a 20,000-deep body with a clear 400 instead of a 500, and starts nothing', async () => {
			const deep = `${'{"d":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
			const body = JSON.stringify(deliveryOf('user.lifecycle.create')).replace(
				'"data":{',
				`"trace":${deep},"data":{`,
			);
			const response = await post(body);
			expect(response.status).toBe(400);
			expect(await response.json()).toEqual({
				message: expect.stringMatching(/nests arrays or objects more than 64 levels deep/),
			});
			await settle();
			expect(await executions()).toHaveLength(0);
		});

		it('refuses a delivery over Max Events per Delivery with 413, whole, starting nothing', async () => {
			const events = Array.from({ length: 1001 }, (_, i) =>
				eventWith('user.lifecycle.create', { uuid: `bulk-${i}` }),
			);
			const response = await post(JSON.stringify({ ...deliveryOf('user.lifecycle.create'), data: { events } }));
			expect(response.status).toBe(413);
			expect(((await response.json()) as { message: string }).message).toMatch(/carries 1001 events, more than .*Max Events per Delivery \(1000\)/);
			await settle();
			expect(await executions()).toHaveLength(0);
		});

		it('refuses a login that is not well-formed Unicode with a 400 naming the field, and logs it escaped', async () => {
			const event = eventWith('user.lifecycle.create', { uuid: 'lone-surrogate\u202e-event' });
			const [user] = event.target as Array<Record<string, unknown>>;
			const delivery = { ...deliveryOf('user.lifecycle.create'), data: { events: [{ ...event, target: [{ ...user, alternateId: 'jane\ud800.doe@acme.test' }] }] } };
			const response = await post(JSON.stringify(delivery));
			expect(response.status).toBe(400);
			expect(((await response.json()) as { message: string }).message).toMatch(/^The text at user\.login of event .* is not well-formed Unicode/);
			await settle();
			expect(await executions()).toHaveLength(0);
			expect(n8n.logs()).toContain('lone-surrogate\\u202e-event');
			expect(n8n.logs()).not.toMatch(/[\u202e\ud800-\udfff]/);
		});

		it('counts event types named like Object.prototype members, and suppresses an event id __proto__ when redelivered', async () => {
			const delivery = {
				...deliveryOf('user.lifecycle.create'),
				data: {
					events: [
						eventWith('user.lifecycle.create', { uuid: '__proto__' }),
						...['constructor', 'toString', '__proto__'].map((eventType, i) =>
							eventWith('user.lifecycle.create', { uuid: `odd-${i}`, eventType }),
						),
					],
				},
			};
			const first = await post(JSON.stringify(delivery));
			expect(first.status).toBe(200);
			expect(await first.json()).toEqual({
				received: 4,
				emitted: 1,
				duplicates: 0,
				failedOutcomes: 0,
				unselected: 0,
				ignored: { constructor: 1, toString: 1, ['__proto__']: 1 },
			});
			await n8n.waitForExecutions(HOSTILE.id, 1);
			const again = await post(JSON.stringify(delivery));
			expect(await again.json()).toMatchObject({ emitted: 0, duplicates: 1 });
			await settle();
			expect(await executions()).toHaveLength(1);
		});
	});

	describe('automatic registration', () => {
		const hookUrl = () => n8n.webhookUrl(`${AUTOMATIC.webhookId}/events`);
		const hooksForUs = () =>
			[...okta.state.eventHooks.values()].filter((hook) => hook.channel.config.uri === hookUrl());

		it('creates, verifies and activates the Okta event hook when the workflow is published', async () => {
			expect(hooksForUs()).toHaveLength(0);
			await n8n.publish(AUTOMATIC.id);

			const hooks = hooksForUs();
			expect(hooks).toHaveLength(1);
			const [hook] = hooks;
			expect(hook).toMatchObject({ status: 'ACTIVE', verificationStatus: 'VERIFIED' });
			expect([...hook.events.items].sort()).toEqual([
				'group.user_membership.add',
				'user.lifecycle.activate',
				'user.lifecycle.reactivate',
				'user.lifecycle.suspend',
				'user.lifecycle.unsuspend',
			]);
			expect(hook.channel.config.authScheme).toMatchObject({
				type: 'HEADER',
				key: 'Authorization',
			});
			expect(hook.channel.config.authScheme?.value).not.toBe(hookSecret);
			// the hook's secret is derived from the credential: the workflow's static data, which n8n's
			// API returns to anyone who may read the workflow, holds the hook's id but no secret
			const staticData = await triggerStaticData(AUTOMATIC.id);
			expect(staticData).toMatchObject({ hookId: hook.id });
			expect(JSON.stringify(staticData)).not.toContain(String(hook.channel.config.authScheme?.value));
			// The fake called back into n8n's production URL with a challenge and got it echoed.
			expect(okta.verificationCalls).toContainEqual({
				hookId: hook.id,
				status: 200,
				challengeOk: true,
			});
		});

		it('accepts deliveries Okta sends with the derived secret, and only for the selected events', async () => {
			const [hook] = hooksForUs();
			const unselected = await okta.deliver(hook.id, deliveryOf('group.lifecycle.create'));
			expect(unselected.status).toBe(200);
			const suspended = await okta.deliver(hook.id, deliveryOf('user.lifecycle.suspend'));
			expect(suspended.status).toBe(200);

			await n8n.waitForExecutions(AUTOMATIC.id, 1);
			await settle();
			const executions = await n8n.executions({ workflowId: AUTOMATIC.id });
			expect(executions).toHaveLength(1);
			const items = executionItems(executions[0], NODE_NAME).map((item) =>
				IdentityEventSchema.parse(item.json),
			);
			expect(items.map((event) => event.type)).toEqual(['user.suspended']);
		});

		it('fails the publication with the Okta error while Okta refuses the hook, leaves no hook, and recovers on the next publish', async () => {
			const refusedUrl = n8n.webhookUrl(`${REFUSED.webhookId}/events`);
			const hooksForRefused = () =>
				[...okta.state.eventHooks.values()].filter(
					(hook) => hook.channel.config.uri === refusedUrl,
				);
			// n8n 2.41 tries a trigger's activation 5 times (about 15 s of backoff) before giving up.
			okta.injectFaults({
				status: 403,
				count: 5,
				method: 'POST',
				pathPrefix: '/api/v1/eventHooks',
			});
			await expect(n8n.publish(REFUSED.id)).rejects.toThrow(/ended failed: Okta: /);
			expect(hooksForRefused()).toHaveLength(0);

			await n8n.publish(REFUSED.id);
			expect(hooksForRefused()).toEqual([
				expect.objectContaining({ status: 'ACTIVE', verificationStatus: 'VERIFIED' }),
			]);
			await n8n.unpublish(REFUSED.id);
			expect(hooksForRefused()).toHaveLength(0);
		});

		it('deactivates and deletes the hook when the workflow is unpublished', async () => {
			const [hook] = hooksForUs();
			await n8n.unpublish(AUTOMATIC.id);

			expect(okta.state.eventHooks.has(hook.id)).toBe(false);
			const lifecycle = okta.requests
				.filter((request) => request.path.startsWith(`/api/v1/eventHooks/${hook.id}`))
				.map(
					(request) =>
						`${request.method} ${request.path.replace(hook.id, '{id}')} ${request.status}`,
				);
			expect(lifecycle.slice(-2)).toEqual([
				'POST /api/v1/eventHooks/{id}/lifecycle/deactivate 200',
				'DELETE /api/v1/eventHooks/{id} 204',
			]);
			const response = await fetch(hookUrl(), { method: 'POST', body: '{}' });
			expect(response.status).toBe(404);
		});
	});
});
