import { sleep } from 'n8n-workflow';

import { IdentityEventSchema } from '../../nodes/shared/model';
import { ssfEventsRequestedFor } from '../../nodes/IdpEventTrigger/providers/ssf/ssf.eventMap';
import { startFakeDuo, type FakeDuo } from '../../sandbox/duo/server';
import { startFakeTransmitter, type FakeStream, type FakeTransmitter } from '../../sandbox/ssf/server';
import { loadSampleWorkflows, triggerWebhookPath, type SampleWorkflow } from '../../scripts/demo/samples';
import { executionItems, type N8nExecution, type N8nHandle } from '../../scripts/e2e/n8nInstance';
import { enrollDevices, existingDuoUser } from './helpers/fakeDuoState';
import { oneWritingExecution } from './helpers/oneExecution';
import { packagedN8n } from './helpers/packagedN8n';
import { credentialImports, duoApiCredential } from './helpers/sampleCredentials';

const SAMPLE = loadSampleWorkflows().find(({ file }) => file === 'ssf-to-duo-lifecycle-sync.json')?.workflow as SampleWorkflow;
const TRIGGER_NODE = 'IdP Event Trigger';
const JANE = 'jane.doe@acme.test';
const SUBJECT = { format: 'email', email: JANE };

/** Time for n8n to have stored an execution if the request had started one. */
const settle = () => sleep(1500);

describe('Shared Signals → Duo sample in a real n8n 2.41.1', () => {
	let transmitter: FakeTransmitter;
	let duo: FakeDuo;
	let n8n: N8nHandle;
	const packaged = packagedN8n();

	beforeAll(async () => {
		transmitter = await startFakeTransmitter({ issuerPath: '/tenants/acme' });
		duo = await startFakeDuo({ seed: { users: [{ user_id: 'DUJANE00000000000001', username: JANE, email: JANE, realname: 'Jane Doe' }] } });
		enrollDevices(duo, JANE);
		n8n = await packaged.start({
			label: 'ssf-duo.e2e',
			workflows: [SAMPLE],
			credentials: credentialImports([SAMPLE], {
				ssfTransmitterApi: { issuer: transmitter.issuer, apiToken: transmitter.apiToken },
				duoAdminApi: duoApiCredential(duo),
			}),
		});
	}, 600_000);

	afterAll(async () => {
		await packaged.stop();
		await transmitter?.close();
		await duo?.close();
	});

	const url = () => n8n.webhookUrl(triggerWebhookPath(SAMPLE));
	const stream = (): FakeStream => {
		const [found, ...others] = [...transmitter.streams.values()].filter((candidate) => candidate.delivery.endpoint_url === url());
		if (!found || others.length > 0) throw new Error('expected one stream pushing to the trigger');
		return found;
	};
	const executions = async () => await n8n.executions({ workflowId: SAMPLE.id });
	const eventsOf = (execution: N8nExecution) => executionItems(execution, TRIGGER_NODE).map((item) => IdentityEventSchema.parse(item.json));
	const emit = async (eventKey: string, payload: Record<string, unknown> = {}) =>
		await oneWritingExecution(n8n, SAMPLE.id, duo, async () => {
			expect(await transmitter.emit(stream().stream_id, eventKey, payload, SUBJECT)).toMatchObject({ status: 202, attempts: 1, body: '' });
		});
	const staticData = async () => {
		const workflow = (await n8n.api('GET', `/workflows/${SAMPLE.id}`)) as { staticData?: Record<string, unknown> | null };
		return (workflow.staticData?.[`node:${TRIGGER_NODE}`] as Record<string, unknown> | undefined) ?? {};
	};

	it('publishing creates the push stream, and the verification event reaches n8n as application/secevent+jwt and is accepted', async () => {
		await n8n.publish(SAMPLE.id);
		expect(stream()).toMatchObject({
			iss: transmitter.issuer,
			status: 'enabled',
			delivery: { method: 'urn:ietf:rfc:8935', authorization_header: expect.stringMatching(/^Bearer [\w-]{43}$/) },
			events_requested: ssfEventsRequestedFor(['user.suspended', 'user.reactivated', 'user.deleted', 'user.updated', 'user.mfa_reset']),
		});
		await transmitter.settled();
		// n8n's body parser leaves application/secevent+jwt unparsed and hands the trigger the raw body
		expect(transmitter.deliveries).toEqual([expect.objectContaining({ kind: 'verification', status: 202, attempts: 1, body: '' })]);
		expect(n8n.logs()).toMatch(/stream [0-9a-f]+ verified: the transmitter's verification event arrived and was accepted/);
		expect(await executions()).toHaveLength(0);
		const stored = await staticData();
		expect(stored).toMatchObject({ ssfStreamId: stream().stream_id });
		expect(JSON.stringify(stored)).not.toContain(String(stream().delivery.authorization_header).slice('Bearer '.length));
	});

	it('account-disabled disables the Duo user, account-enabled enables it again', async () => {
		const disabled = await emit('risc/account-disabled', { reason: 'hijacking' });
		expect(eventsOf(disabled).map((event) => [event.type, event.source.idp])).toEqual([['user.suspended', 'ssf']]);
		expect(existingDuoUser(duo, JANE).status).toBe('disabled');
		await emit('risc/account-enabled');
		expect(existingDuoUser(duo, JANE).status).toBe('active');
	});

	it('credential-change revoke removes every Duo device and keeps the user (a non-destructive reset)', async () => {
		expect(existingDuoUser(duo, JANE).phones).toHaveLength(1);
		const execution = await emit('caep/credential-change', { credential_type: 'app', change_type: 'revoke', friendly_name: 'Duo Mobile' });
		expect(eventsOf(execution)[0]).toMatchObject({ type: 'user.mfa_reset', mfa: { all: false, factors: [{ type: 'app', name: 'Duo Mobile' }] } });
		expect(existingDuoUser(duo, JANE)).toMatchObject({ user_id: 'DUJANE00000000000001', status: 'active', phones: [], tokens: [], webauthn: [], bypassCodes: [] });
	});

	it('a SET whose 202 got lost is pushed again and starts no second execution', async () => {
		const before = (await executions()).length;
		transmitter.injectPushFaults({ lost: 'response' });
		const reply = await transmitter.emit(stream().stream_id, 'risc/account-disabled', {}, SUBJECT);
		expect(reply).toMatchObject({ status: 202, attempts: 2 });
		await n8n.waitForExecutions(SAMPLE.id, before + 1);
		await settle();
		expect(await executions()).toHaveLength(before + 1);
		expect(existingDuoUser(duo, JANE).status).toBe('disabled');
	});

	it('refuses forged SETs with 400 and the RFC 8935 error, starts nothing, and leaves static data alone', async () => {
		const before = { executions: (await executions()).length, staticData: await staticData(), writes: duo.counts().writes };
		const claims = transmitter.claimsFor(stream().stream_id, 'risc/account-purged', {}, SUBJECT);
		const forged = await transmitter.push(stream().stream_id, transmitter.sign(claims, { forge: 'foreign' }));
		expect(forged).toMatchObject({ status: 400, err: 'invalid_key', contentLanguage: 'en', contentType: expect.stringMatching(/^application\/json/) });
		expect(await transmitter.push(stream().stream_id, transmitter.sign(claims, { forge: 'none' }))).toMatchObject({ status: 400, err: 'invalid_key' });
		const direct = await fetch(url(), { method: 'POST', headers: { 'content-type': 'application/secevent+jwt' }, body: transmitter.sign(claims) });
		expect(direct.status).toBe(400);
		expect(await direct.json()).toMatchObject({ err: 'authentication_failed' });
		await settle();
		expect(await executions()).toHaveLength(before.executions);
		expect(await staticData()).toEqual(before.staticData);
		expect(duo.counts().writes).toBe(before.writes);
		expect(existingDuoUser(duo, JANE).status).toBe('disabled');
	});

	it('unpublishing deletes the stream', async () => {
		const id = stream().stream_id;
		await n8n.unpublish(SAMPLE.id);
		expect(transmitter.streams.has(id)).toBe(false);
		expect(transmitter.requests).toContainEqual({ method: 'DELETE', path: '/ssf/stream', status: 204 });
		expect((await fetch(url(), { method: 'POST', body: 'x' })).status).toBe(404);
	});
});
