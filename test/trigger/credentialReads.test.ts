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

	const reads = () => log.filter((entry) => entry === 'read').length;
	const keysAge = async () => await new Promise((resolve) => setTimeout(resolve, KEYS_FRESH_FOR_MS + 50));

	it('reads no credential for a delivery once this process has read it', async () => {
		expect((await deliver('secret-one')).status).toBe(200);
		log = [];
		const second = await deliver('secret-one');
		expect(second.status).toBe(200);
		expect(second.workflowData?.[0]).toHaveLength(1);
		expect(log).toEqual(['reply']);
	});

	it('reads the credential at most twice for ten deliveries at once, none while its keys are kept', async () => {
		await deliver('secret-one');
		log = [];
		const fresh = await Promise.all(Array.from({ length: 10 }, async () => await deliver('secret-one')));
		expect(fresh.filter((r) => r.status === 200 && r.workflowData?.[0].length === 1)).toHaveLength(10);
		expect(reads()).toBe(0);
		await keysAge();
		log = [];
		const aged = await Promise.all(Array.from({ length: 10 }, async () => await deliver('secret-one')));
		expect(aged.filter((r) => r.status === 200 && r.workflowData?.[0].length === 1)).toHaveLength(10);
		expect(reads()).toBeGreaterThanOrEqual(1);
		expect(reads()).toBeLessThanOrEqual(2);
	});

	it('accepts the new secret at once after the credential changed', async () => {
		await deliver('secret-one');
		credentials.eventHookSecret = 'secret-two';
		const result = await deliver('secret-two');
		expect(result.status).toBe(200);
		expect(result.workflowData?.[0]).toHaveLength(1);
	});

	it('refuses the old secret once the keys read before the change are a few seconds old, reading before the reply', async () => {
		await deliver('secret-one');
		credentials.eventHookSecret = 'secret-two';
		await keysAge();
		log = [];
		const refused = await deliver('secret-one');
		expect([refused.status, refused.workflowData]).toEqual([401, undefined]);
		expect(reads()).toBe(1);
		expect(log.indexOf('read')).toBeLessThan(log.indexOf('reply'));
	});
});
