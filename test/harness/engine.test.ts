import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';

import {
	NodeApiError,
	NodeConnectionTypes,
	sleep,
	type IAuthenticateGeneric,
	type ICredentialDataDecryptedObject,
	type ICredentialTestRequest,
	type ICredentialType,
	type IDataObject,
	type IExecuteFunctions,
	type IHookFunctions,
	type IHttpRequestHelper,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
	type JsonObject,
} from 'n8n-workflow';

import { OktaIdpApi } from '../../credentials/OktaIdpApi.credentials';
import { IdpEventTrigger } from '../../nodes/IdpEventTrigger/IdpEventTrigger.node';
import { executeNode, runHookMethod, runWebhook, testCredential } from './engine';

const SIGNING_SECRET = 'probe-signing-secret';

function signature(method: string, path: string, body: string): string {
	return createHmac('sha256', SIGNING_SECRET).update(`${method}\n${path}\n${body}`).digest('hex');
}

function secretProperty(displayName: string, name: string): INodeProperties {
	return { displayName, name, type: 'string', typeOptions: { password: true }, default: '' };
}

class ProbeHeaderApi implements ICredentialType {
	name = 'probeHeaderApi';

	displayName = 'Probe Header API';

	properties: INodeProperties[] = [
		secretProperty('Token', 'token'),
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{ displayName: 'Region', name: 'region', type: 'string', default: 'eu-1' },
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'X-Probe-Token': '=Token {{$credentials.token}}',
				'X-Probe-Region': '={{$credentials.region}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}', url: '/whoami' },
		rules: [
			{ type: 'responseCode', properties: { value: 403, message: 'Token lacks the whoami scope' } },
		],
	};
}

class ProbeSignedApi implements ICredentialType {
	name = 'probeSignedApi';

	displayName = 'Probe Signed API';

	properties: INodeProperties[] = [
		{ displayName: 'Key ID', name: 'keyId', type: 'string', default: '' },
		secretProperty('Secret', 'secret'),
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		await sleep(1);
		const path = new URL(requestOptions.url, String(requestOptions.baseURL ?? 'http://x')).pathname;
		const body = requestOptions.body === undefined ? '' : JSON.stringify(requestOptions.body);
		const digest = createHmac('sha256', String(credentials.secret))
			.update(`${requestOptions.method ?? 'GET'}\n${path}\n${body}`)
			.digest('hex');
		return {
			...requestOptions,
			headers: {
				...requestOptions.headers,
				'X-Probe-Key': String(credentials.keyId),
				'X-Probe-Signature': digest,
			},
		};
	}
}

class ProbeSessionApi implements ICredentialType {
	name = 'probeSessionApi';

	displayName = 'Probe Session API';

	properties: INodeProperties[] = [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		secretProperty('Password', 'password'),
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const session = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${credentials.baseUrl as string}/session`,
			body: { password: credentials.password },
			json: true,
		})) as IDataObject;
		return { sessionToken: session.token };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.sessionToken}}' } },
	};
}

const probeProperties: INodeProperties[] = [
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		options: [
			{ name: 'Header', value: 'header' },
			{ name: 'Signed', value: 'signed' },
			{ name: 'Session', value: 'session' },
		],
		default: 'header',
	},
	{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
	{ displayName: 'Path', name: 'path', type: 'string', default: '/echo' },
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		options: [
			{ name: 'GET', value: 'GET' },
			{ name: 'POST', value: 'POST' },
		],
		default: 'GET',
	},
	{ displayName: 'Payload', name: 'payload', type: 'json', default: '' },
	{ displayName: 'Query', name: 'query', type: 'json', default: '' },
	{ displayName: 'Full Response', name: 'fullResponse', type: 'boolean', default: false },
	{ displayName: 'Ignore HTTP Status', name: 'ignoreStatus', type: 'boolean', default: false },
	{ displayName: 'Label', name: 'label', type: 'string', default: 'from-description-default' },
	{
		displayName: 'Reply',
		name: 'reply',
		type: 'options',
		options: [
			{ name: 'Node Replies Itself', value: 'node' },
			{ name: 'Leave To n8n', value: 'n8n' },
		],
		default: 'node',
	},
];

function credentialName(ctx: IExecuteFunctions | IHookFunctions): string {
	const authentication = ctx.getNodeParameter('authentication', 0) as string;
	return `probe${authentication[0].toUpperCase()}${authentication.slice(1)}Api`;
}

function jsonParameter(
	ctx: IExecuteFunctions,
	name: string,
	index: number,
): IDataObject | undefined {
	const value = ctx.getNodeParameter(name, index) as string | IDataObject;
	if (value === '') return undefined;
	return typeof value === 'string' ? (JSON.parse(value) as IDataObject) : value;
}

class HarnessProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Probe',
		name: 'harnessProbe',
		group: ['transform'],
		version: 1,
		description: 'Exercises the node harness',
		defaults: { name: 'Harness Probe' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'probeHeaderApi',
				required: true,
				displayOptions: { show: { authentication: ['header'] } },
			},
			{
				name: 'probeSignedApi',
				required: true,
				displayOptions: { show: { authentication: ['signed'] } },
			},
			{
				name: 'probeSessionApi',
				required: true,
				displayOptions: { show: { authentication: ['session'] } },
			},
		],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'probe' }],
		properties: probeProperties,
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node');
				if (!state.hookId) return false;
				const response = (await this.helpers.httpRequestWithAuthentication.call(
					this,
					credentialName(this),
					{
						method: 'GET',
						url: `${this.getNodeParameter('baseUrl') as string}/hooks/${state.hookId as string}`,
						ignoreHttpStatusErrors: true,
						returnFullResponse: true,
					},
				)) as { statusCode: number };
				return response.statusCode === 200;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node');
				const created = (await this.helpers.httpRequestWithAuthentication.call(
					this,
					credentialName(this),
					{
						method: 'POST',
						url: `${this.getNodeParameter('baseUrl') as string}/hooks`,
						body: { url: this.getNodeWebhookUrl('default'), name: this.getWorkflow().name },
						json: true,
					},
				)) as IDataObject;
				state.hookId = created.id;
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node');
				await this.helpers.httpRequestWithAuthentication.call(this, credentialName(this), {
					method: 'DELETE',
					url: `${this.getNodeParameter('baseUrl') as string}/hooks/${state.hookId as string}`,
				});
				delete state.hookId;
				return true;
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const output: INodeExecutionData[] = [];
		const items = this.getInputData();
		for (let i = 0; i < items.length; i++) {
			try {
				const response = (await this.helpers.httpRequestWithAuthentication.call(
					this,
					credentialName(this),
					{
						method: this.getNodeParameter('method', i) as IHttpRequestMethods,
						baseURL: this.getNodeParameter('baseUrl', i) as string,
						url: this.getNodeParameter('path', i) as string,
						body: jsonParameter(this, 'payload', i),
						qs: jsonParameter(this, 'query', i),
						json: true,
						returnFullResponse: this.getNodeParameter('fullResponse', i) as boolean,
						ignoreHttpStatusErrors: this.getNodeParameter('ignoreStatus', i) as boolean,
					},
				)) as IDataObject;
				output.push({
					json: { response, label: this.getNodeParameter('label', i) as string },
					pairedItem: { item: i },
				});
			} catch (error) {
				if (this.continueOnFail()) {
					output.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				throw new NodeApiError(this.getNode(), error as JsonObject, { itemIndex: i });
			}
		}
		return [output];
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject();
		const body = this.getBodyData();
		if (this.getNodeParameter('reply') === 'n8n') {
			return { workflowData: [this.helpers.returnJsonArray(body)] };
		}
		const answer = {
			received: body,
			raw: req.rawBody.toString('utf8'),
			query: this.getQueryData(),
		};
		const res = this.getResponseObject();
		res.setHeader('X-Probe-Static', JSON.stringify(this.getWorkflowStaticData('node')));
		res.status(202).type('application/json').send(JSON.stringify(answer));
		this.getWorkflowStaticData('node').lastDelivery = body.id;
		return { noWebhookResponse: true, workflowData: [[{ json: body }]] };
	}
}

interface Recorded {
	method: string;
	path: string;
	headers: IncomingMessage['headers'];
	body: string;
}

const recorded: Recorded[] = [];
const hooks = new Map<string, IDataObject>();
let server: Server;
let baseUrl: string;

function reply(res: import('node:http').ServerResponse, status: number, body?: unknown) {
	res.writeHead(
		status,
		body === undefined ? {} : { 'content-type': 'application/json', 'x-fake': 'probe' },
	);
	res.end(body === undefined ? undefined : JSON.stringify(body));
}

beforeAll(async () => {
	server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			const body = Buffer.concat(chunks).toString('utf8');
			recorded.push({ method: req.method ?? '', path: url.pathname, headers: req.headers, body });
			const hookMatch = /^\/hooks\/([^/]+)$/.exec(url.pathname);
			if (url.pathname === '/echo') {
				reply(res, 200, {
					method: req.method,
					query: Object.fromEntries(url.searchParams),
					body: body ? JSON.parse(body) : null,
				});
			} else if (url.pathname === '/missing') {
				reply(res, 404, { error: 'no such thing' });
			} else if (url.pathname === '/session') {
				const valid = (JSON.parse(body) as IDataObject).password === 'open-sesame';
				reply(res, valid ? 200 : 401, valid ? { token: `session-${recorded.length}` } : {});
			} else if (url.pathname === '/signed') {
				const expected = signature(req.method ?? '', url.pathname, body);
				const valid =
					req.headers['x-probe-key'] === 'key-1' && req.headers['x-probe-signature'] === expected;
				reply(res, valid ? 200 : 401, { valid });
			} else if (url.pathname === '/whoami' || url.pathname === '/api/v1/users') {
				const token = req.headers['x-probe-token'] ?? req.headers.authorization;
				if (token === 'Token good' || token === 'SSWS okta-good') reply(res, 200, [{ id: 'me' }]);
				else if (token === 'Token narrow') reply(res, 403, { error: 'scope' });
				else reply(res, 401, { error: 'unauthorized' });
			} else if (url.pathname === '/hooks' && req.method === 'POST') {
				const id = `hook-${hooks.size + 1}`;
				hooks.set(id, JSON.parse(body) as IDataObject);
				reply(res, 201, { id });
			} else if (hookMatch && req.method === 'GET') {
				reply(res, hooks.has(hookMatch[1]) ? 200 : 404, hooks.get(hookMatch[1]) ?? {});
			} else if (hookMatch && req.method === 'DELETE') {
				reply(res, hooks.delete(hookMatch[1]) ? 204 : 404);
			} else {
				reply(res, 500, { error: 'unexpected route' });
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
	await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
	recorded.length = 0;
});

const headerCredentials = () => ({ probeHeaderApi: { token: 'good', baseUrl } });
const credentialTypes = [new ProbeHeaderApi(), new ProbeSignedApi(), new ProbeSessionApi()];

describe('executeNode', () => {
	it('applies a generic authenticate with expressions and credential defaults, and sends JSON bodies and qs', async () => {
		const [[item]] = await executeNode({
			node: new HarnessProbe(),
			parameters: { baseUrl, method: 'POST', payload: '{"name":"ada"}', query: '{"limit":"5"}' },
			credentials: headerCredentials(),
			credentialTypes,
		});

		expect(recorded).toHaveLength(1);
		expect(recorded[0].headers['x-probe-token']).toBe('Token good');
		expect(recorded[0].headers['x-probe-region']).toBe('eu-1');
		expect(recorded[0].headers['content-type']).toMatch(/^application\/json/);
		expect(item.json).toEqual({
			response: { method: 'POST', query: { limit: '5' }, body: { name: 'ada' } },
			label: 'from-description-default',
		});
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('awaits a function authenticate that signs the request', async () => {
		const [[item]] = await executeNode({
			node: new HarnessProbe(),
			parameters: {
				authentication: 'signed',
				baseUrl,
				path: '/signed',
				method: 'POST',
				payload: '{"a":1}',
			},
			credentials: { probeSignedApi: { keyId: 'key-1', secret: SIGNING_SECRET } },
			credentialTypes,
		});

		expect(recorded[0].headers['x-probe-signature']).toBe(signature('POST', '/signed', '{"a":1}'));
		expect(item.json.response).toEqual({ valid: true });
	});

	it('fetches an expirable token through preAuthentication and stores it in the credential data', async () => {
		const session = { baseUrl, password: 'open-sesame', sessionToken: '' };
		const run = async () =>
			await executeNode({
				node: new HarnessProbe(),
				parameters: { authentication: 'session', baseUrl },
				credentials: { probeSessionApi: session },
				credentialTypes,
			});

		await run();
		await run();

		expect(recorded.map((entry) => `${entry.path} ${entry.headers.authorization ?? '-'}`)).toEqual([
			'/session -',
			'/echo Bearer session-1',
			'/echo Bearer session-1',
		]);
		expect(session.sessionToken).toBe('session-1');
	});

	it('returns status, headers and body when returnFullResponse is set', async () => {
		const [[item]] = await executeNode({
			node: new HarnessProbe(),
			parameters: { baseUrl, fullResponse: true },
			credentials: headerCredentials(),
			credentialTypes,
		});

		const response = item.json.response as IDataObject;
		expect(response.statusCode).toBe(200);
		expect((response.headers as IDataObject)['x-fake']).toBe('probe');
		expect(response.body).toEqual({ method: 'GET', query: {}, body: null });
	});

	it('hands back non-2xx responses when ignoreHttpStatusErrors is set', async () => {
		const [[item]] = await executeNode({
			node: new HarnessProbe(),
			parameters: { baseUrl, path: '/missing', fullResponse: true, ignoreStatus: true },
			credentials: headerCredentials(),
			credentialTypes,
		});

		expect(item.json.response).toMatchObject({ statusCode: 404, body: { error: 'no such thing' } });
	});

	it('rethrows the node error for a failed request', async () => {
		const run = executeNode({
			node: new HarnessProbe(),
			parameters: { baseUrl, path: '/missing' },
			credentials: headerCredentials(),
			credentialTypes,
		});

		await expect(run).rejects.toBeInstanceOf(NodeApiError);
		await expect(run).rejects.toMatchObject({ httpCode: '404' });
	});

	it('lets the node emit error items per input item under continueOnFail', async () => {
		const [output] = await executeNode({
			node: new HarnessProbe(),
			parameters: { baseUrl, path: '={{$json.path}}' },
			items: [{ json: { path: '/echo' } }, { json: { path: '/missing' } }],
			credentials: headerCredentials(),
			credentialTypes,
			continueOnFail: true,
		});

		expect(output).toHaveLength(2);
		expect(output[0].json.response).toMatchObject({ method: 'GET' });
		expect(output[1]).toMatchObject({
			json: { error: 'The resource you are requesting could not be found' },
			pairedItem: { item: 1 },
		});
	});
});

describe('runHookMethod', () => {
	it('registers, finds and removes a hook while mutating the node static data in place', async () => {
		const staticData: IDataObject = {};
		const webhookUrl = 'https://n8n.example.com/webhook/3f7c2a9e-hook/probe';
		const common = {
			node: new HarnessProbe(),
			parameters: { baseUrl },
			credentials: headerCredentials(),
			credentialTypes,
			webhookUrl,
			staticData,
			workflowName: 'Provisioning',
		};

		expect(await runHookMethod({ ...common, method: 'checkExists' })).toBe(false);
		expect(await runHookMethod({ ...common, method: 'create' })).toBe(true);
		expect(staticData.hookId).toBe('hook-1');
		expect(hooks.get('hook-1')).toEqual({ url: webhookUrl, name: 'Provisioning' });
		expect(await runHookMethod({ ...common, method: 'checkExists' })).toBe(true);
		expect(await runHookMethod({ ...common, method: 'delete' })).toBe(true);
		expect(staticData).toEqual({});
		expect(
			recorded.map((entry) => `${entry.method} ${entry.path} ${entry.headers['x-probe-token']}`),
		).toEqual([
			'POST /hooks Token good',
			'GET /hooks/hook-1 Token good',
			'DELETE /hooks/hook-1 Token good',
		]);
	});

	it('refuses a webhook URL that n8n could not build for the node', async () => {
		await expect(
			runHookMethod({
				node: new HarnessProbe(),
				parameters: { baseUrl },
				credentials: headerCredentials(),
				credentialTypes,
				method: 'create',
				webhookUrl: 'https://n8n.example.com/webhook/abc/other-path',
				staticData: {},
			}),
		).rejects.toThrow('<base>/<webhookId>/probe');
	});
});

describe('runWebhook', () => {
	it('gives the node the raw and parsed body over real HTTP and returns what it wrote', async () => {
		const staticData: IDataObject = { seen: 1 };
		const raw = '{ "id": "evt-1", "kind": "probe" }';

		const result = await runWebhook({
			node: new HarnessProbe(),
			parameters: {},
			credentials: headerCredentials(),
			credentialTypes,
			webhookName: 'default',
			request: {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: raw,
				query: { a: 'b' },
			},
			staticData,
		});

		expect(result.status).toBe(202);
		expect(result.headers['content-type']).toBe('application/json; charset=utf-8');
		expect(result.headers['x-probe-static']).toBe('{"seen":1}');
		expect(JSON.parse(result.body)).toEqual({
			received: { id: 'evt-1', kind: 'probe' },
			raw,
			query: { a: 'b' },
		});
		expect(result.noWebhookResponse).toBe(true);
		expect(result.workflowData).toEqual([[{ json: { id: 'evt-1', kind: 'probe' } }]]);
		expect(staticData).toEqual({ seen: 1, lastDelivery: 'evt-1' });
	});

	it("answers with n8n's onReceived default when the node leaves the reply to n8n", async () => {
		const result = await runWebhook({
			node: new HarnessProbe(),
			parameters: { reply: 'n8n' },
			credentials: headerCredentials(),
			credentialTypes,
			webhookName: 'default',
			request: {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: '{"id":"evt-2"}',
			},
			staticData: {},
		});

		expect(result.status).toBe(200);
		expect(result.body).toBe('firstEntryJson');
		expect(result.workflowData).toEqual([[{ json: { id: 'evt-2' } }]]);
	});

	it('answers the Okta verification challenge through the real IdP Event Trigger', async () => {
		const result = await runWebhook({
			node: new IdpEventTrigger(),
			parameters: {},
			credentials: { oktaIdpApi: { orgUrl: baseUrl, apiToken: 'okta-good' } },
			credentialTypes: [new OktaIdpApi()],
			webhookName: 'setup',
			request: { method: 'GET', headers: { 'x-okta-verification-challenge': 'abc' } },
			staticData: {},
		});

		expect(result.status).toBe(200);
		expect(result.headers['content-type']).toMatch(/^application\/json/);
		expect(JSON.parse(result.body)).toEqual({ verification: 'abc' });
		expect(result.workflowData).toBeUndefined();
	});
});

describe('testCredential', () => {
	it('reports OK when the test request succeeds with the credential applied', async () => {
		const result = await testCredential({
			credentialType: new ProbeHeaderApi(),
			data: { token: 'good', baseUrl: `${baseUrl}/` },
		});

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(recorded[0]).toMatchObject({
			method: 'GET',
			path: '/whoami',
			headers: { 'x-probe-token': 'Token good' },
		});
	});

	it("maps a rejected credential to n8n's messages, honouring responseCode rules", async () => {
		const type = new ProbeHeaderApi();

		const rejected = await testCredential({
			credentialType: type,
			data: { token: 'bad', baseUrl },
		});
		const ruled = await testCredential({
			credentialType: type,
			data: { token: 'narrow', baseUrl },
		});

		expect(rejected).toEqual({ status: 'Error', message: 'Unauthorized' });
		expect(ruled).toEqual({ status: 'Error', message: 'Token lacks the whoami scope' });
	});

	it('reports the connection error code when the service cannot be reached', async () => {
		const result = await testCredential({
			credentialType: new ProbeHeaderApi(),
			data: { token: 'good', baseUrl: 'http://127.0.0.1:1' },
		});

		expect(result).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
	});

	it('runs the Okta credential test with its SSWS header, retrying once on 401 as n8n does', async () => {
		const good = await testCredential({
			credentialType: new OktaIdpApi(),
			data: { orgUrl: baseUrl, apiToken: 'okta-good' },
		});
		const bad = await testCredential({
			credentialType: new OktaIdpApi(),
			data: { orgUrl: baseUrl, apiToken: 'nope' },
		});

		expect(good.status).toBe('OK');
		expect(bad.status).toBe('Error');
		expect(
			recorded.map((entry) => `${entry.method} ${entry.path} ${entry.headers.authorization}`),
		).toEqual([
			'GET /api/v1/users SSWS okta-good',
			'GET /api/v1/users SSWS nope',
			'GET /api/v1/users SSWS nope',
		]);
	});
});
