import { ServerResponse } from 'node:http';

import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { OktaIdpApi } from '../../credentials/OktaIdpApi.credentials';
import { KEYS_FRESH_FOR_MS } from '../../nodes/IdpEventTrigger/credentialKeys';
import { IdpEventTrigger } from '../../nodes/IdpEventTrigger/IdpEventTrigger.node';
import { HarnessCredentialsHelper } from '../harness/credentialsHelper';
import { runWebhook } from '../harness/engine';
import { oktaFixture } from '../helpers/oktaFixtures';

// Each credential read costs n8n a database query, a decryption and, with its default expression
// engine, an isolate: the ack must not wait for one once this process has read the credential.

const parameters: INodeParameters = {
	provider: 'okta',
	registration: 'manual',
	events: ['user.created'],
	options: { enrich: false },
};

let credentials: ICredentialDataDecryptedObject;
let uuid = 0;
/** What happened, in order: `read` for each credential read n8n served, `reply` for each reply sent. */
let log: string[];

function deliver(secret: string) {
	const delivery = oktaFixture('user.lifecycle.create');
	delivery.data.events[0].uuid = `credential-reads-${++uuid}`;
	return runWebhook({
		node: new IdpEventTrigger(),
		parameters,
		credentials: { oktaIdpApi: credentials },
		credentialTypes: [new OktaIdpApi()],
		webhookName: 'default',
		request: {
			method: 'POST',
			headers: { authorization: secret, 'content-type': 'application/json' },
			body: JSON.stringify(delivery),
		},
		staticData: {} as IDataObject,
	});
}

describe('IdP Event Trigger: credential reads per delivery', () => {
	beforeEach(() => {
		credentials = { orgUrl: 'https://acme.okta.test', apiToken: 'okta-token', eventHookSecret: 'secret-one' };
		log = [];
		const read = HarnessCredentialsHelper.prototype.getDecrypted;
		jest.spyOn(HarnessCredentialsHelper.prototype, 'getDecrypted').mockImplementation(async function (
			this: HarnessCredentialsHelper,
			...args: Parameters<typeof read>
		) {
			log.push('read');
			return await read.apply(this, args);
		});
		const end = ServerResponse.prototype.end;
		jest.spyOn(ServerResponse.prototype, 'end').mockImplementation(function (
			this: ServerResponse,
			...args: unknown[]
		) {
			log.push('reply');
			return (end as (...a: unknown[]) => ServerResponse).apply(this, args);
		});
	});
	afterEach(() => jest.restoreAllMocks());

	it('acknowledges a delivery before reading the credential, once this process has read it', async () => {
		expect((await deliver('secret-one')).status).toBe(200);
		log = [];
		const second = await deliver('secret-one');
		expect(second.status).toBe(200);
		expect(second.workflowData?.[0]).toHaveLength(1);
		// After the reply, one read made after the delivery arrived confirms the credential is unchanged.
		expect(log.indexOf('reply')).toBe(0);
		expect(log.filter((entry) => entry === 'read')).toHaveLength(1);
	});

	it('reads the credential at most twice for ten deliveries at once', async () => {
		await deliver('secret-one');
		log = [];
		const results = await Promise.all(Array.from({ length: 10 }, async () => await deliver('secret-one')));
		expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
		expect(results.filter((r) => r.workflowData?.[0].length === 1)).toHaveLength(10);
		const reads = log.filter((entry) => entry === 'read').length;
		expect(reads).toBeGreaterThanOrEqual(1);
		expect(reads).toBeLessThanOrEqual(2);
	});

	it('accepts the new secret at once after the credential changed', async () => {
		await deliver('secret-one');
		credentials.eventHookSecret = 'secret-two';
		const result = await deliver('secret-two');
		expect(result.status).toBe(200);
		expect(result.workflowData?.[0]).toHaveLength(1);
	});

	it('starts no execution for the old secret once the credential changed', async () => {
		await deliver('secret-one');
		credentials.eventHookSecret = 'secret-two';
		// Answered from keys read a moment ago, then confirmed against a new read before any execution.
		const stale = await deliver('secret-one');
		expect(stale.workflowData).toBeUndefined();
		const refused = await deliver('secret-one');
		expect([refused.status, refused.workflowData]).toEqual([401, undefined]);
	});

	it('reads the credential before the reply when its keys are older than a few seconds', async () => {
		await deliver('secret-one');
		await new Promise((resolve) => setTimeout(resolve, KEYS_FRESH_FOR_MS + 50));
		credentials.eventHookSecret = 'secret-two';
		log = [];
		const refused = await deliver('secret-one');
		expect([refused.status, refused.workflowData]).toEqual([401, undefined]);
		expect(log.filter((entry) => entry === 'read')).toHaveLength(1);
		expect(log.indexOf('read')).toBeLessThan(log.indexOf('reply'));
	});
});
