import {
	ExecuteContext,
	HookContext,
	RoutingNode,
	WebhookContext,
	isEngineRequest,
} from 'n8n-core';
import {
	NodeConnectionTypes,
	UnexpectedError,
	createRunExecutionData,
	type CloseFunction,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type IExecuteData,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type IWebhookData,
	type IWebhookDescription,
	type IWebhookResponseData,
	type WebhookType,
} from 'n8n-workflow';

import {
	exchangeOverLoopback,
	type Response,
	type WebhookReply,
	type WebhookRequest,
} from './webhookExchange';
import { buildWorkflowFixture, type WorkflowFixture } from './workflowFixture';

export type { WebhookRequest } from './webhookExchange';

export interface ExecuteNodeOptions {
	node: INodeType;
	parameters: INodeParameters;
	items?: INodeExecutionData[];
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	credentialTypes: ICredentialType[];
	continueOnFail?: boolean;
	/** The node's static data (`getWorkflowStaticData('node')`); mutated in place. Default {}. */
	staticData?: IDataObject;
	/** The node's type name, when it differs from `<package>.<name>` (e.g. a node used as a tool). */
	nodeType?: string;
}

export interface RunHookMethodOptions {
	node: INodeType;
	parameters: INodeParameters;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	credentialTypes: ICredentialType[];
	method: 'checkExists' | 'create' | 'delete';
	/** What `getNodeWebhookUrl('default')` returns: `<base>/<webhookId>/<path of the default webhook>`. */
	webhookUrl: string;
	/** The node's static data (`getWorkflowStaticData('node')`); mutated in place. */
	staticData: IDataObject;
	workflowName?: string;
}

export interface RunWebhookOptions {
	node: INodeType;
	parameters: INodeParameters;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	credentialTypes: ICredentialType[];
	webhookName: WebhookType;
	request: WebhookRequest;
	/** The node's static data (`getWorkflowStaticData('node')`); mutated in place. */
	staticData: IDataObject;
}

export interface WebhookRunResult extends WebhookReply {
	workflowData?: INodeExecutionData[][];
	noWebhookResponse?: boolean;
	/** Whether the node changed its workflow's static data, which is when n8n saves it after the call. */
	staticDataChanged: boolean;
}

export interface TestCredentialOptions {
	credentialType: ICredentialType;
	data: ICredentialDataDecryptedObject;
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

async function runCloseFunctions(closeFunctions: CloseFunction[]): Promise<void> {
	await Promise.allSettled(closeFunctions.map(async (close) => await close()));
}

/**
 * Runs a node's `execute` in n8n-core's ExecuteContext, as WorkflowExecute does for one node with
 * one input. Errors the node throws are rethrown; n8n's engine-level "continue on error" fallback
 * (passing the input items through) is deliberately not applied, so nodes must handle
 * `continueOnFail()` themselves to produce error items.
 */
export async function executeNode(options: ExecuteNodeOptions): Promise<INodeExecutionData[][]> {
	const { workflow, node, nodeType, additionalData } = buildWorkflowFixture(options);
	if (!nodeType.execute) throw new UnexpectedError(`Node "${node.type}" has no execute method`);
	const items = options.items ?? [{ json: {} }];
	const inputData = { [NodeConnectionTypes.Main]: [items] };
	const executeData: IExecuteData = { node, data: inputData, source: null };
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [executeData] },
	});
	const closeFunctions: CloseFunction[] = [];
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'trigger',
		runExecutionData,
		0,
		items,
		inputData,
		executeData,
		closeFunctions,
		new AbortController().signal,
	);
	try {
		const output = await nodeType.execute.call(context);
		if (isEngineRequest(output)) {
			throw new UnexpectedError(
				'Engine requests (sub-node calls) are not supported by the harness',
			);
		}
		return output ?? [];
	} finally {
		await runCloseFunctions(closeFunctions);
	}
}

function webhookDescription(fixture: WorkflowFixture, name: WebhookType): IWebhookDescription {
	const description = fixture.nodeType.description.webhooks?.find((entry) => entry.name === name);
	if (!description) {
		throw new UnexpectedError(`Node "${fixture.node.type}" has no "${name}" webhook`);
	}
	return description;
}

function webhookData(fixture: WorkflowFixture, description: IWebhookDescription): IWebhookData {
	return {
		httpMethod: description.httpMethod as IWebhookData['httpMethod'],
		node: fixture.node.name,
		path: String(description.path),
		webhookDescription: description,
		workflowId: fixture.workflow.id,
		workflowExecuteAdditionalData: fixture.additionalData,
		webhookId: fixture.node.webhookId,
	};
}

function defaultWebhookUrl(fixture: WorkflowFixture, node: INode, webhookBaseUrl: string) {
	const { workflow, additionalData } = fixture;
	return new HookContext(
		workflow,
		node,
		{ ...additionalData, webhookBaseUrl },
		'trigger',
		'activate',
	).getNodeWebhookUrl('default');
}

/**
 * Chooses the webhook base URL and the node's webhookId so that n8n's own URL construction
 * (`<base>/<webhookId>/<path>`) yields `webhookUrl`.
 */
function placeWebhookUrl(fixture: WorkflowFixture, webhookUrl: string): void {
	const probeId = 'harness-probe-webhook-id';
	const probe = defaultWebhookUrl(fixture, { ...fixture.node, webhookId: probeId }, '');
	if (probe === undefined) throw new UnexpectedError('The node has no default webhook URL');
	const escaped = probe.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const pattern = new RegExp(`${escaped.replace(probeId, '([^/]+)')}$`);
	const match = pattern.exec(webhookUrl);
	if (!match) {
		throw new UnexpectedError(
			`webhookUrl must look like <base>${probe.replace(probeId, '<webhookId>')} for this node`,
		);
	}
	if (match[1] !== undefined) fixture.node.webhookId = match[1];
	fixture.additionalData.webhookBaseUrl = webhookUrl.slice(0, match.index);
	if (
		defaultWebhookUrl(fixture, fixture.node, fixture.additionalData.webhookBaseUrl) !== webhookUrl
	) {
		throw new UnexpectedError(`n8n would not build the webhook URL ${webhookUrl} for this node`);
	}
}

/**
 * Runs one `webhookMethods.default` lifecycle method in n8n-core's HookContext, with the mode and
 * activation n8n uses: checkExists/create on publish ('trigger', 'activate'), delete on unpublish
 * ('internal', 'update').
 */
export async function runHookMethod(options: RunHookMethodOptions): Promise<boolean> {
	const fixture = buildWorkflowFixture(options);
	const method = fixture.nodeType.webhookMethods?.default?.[options.method];
	if (!method) throw new UnexpectedError(`Node has no webhookMethods.default.${options.method}`);
	placeWebhookUrl(fixture, options.webhookUrl);
	const data = webhookData(fixture, webhookDescription(fixture, 'default'));
	const isDelete = options.method === 'delete';
	const context = new HookContext(
		fixture.workflow,
		fixture.node,
		fixture.additionalData,
		isDelete ? 'internal' : 'trigger',
		isDelete ? 'update' : 'activate',
		data,
	);
	return await method.call(context);
}

function descriptionValue(
	fixture: WorkflowFixture,
	value: string | number | boolean | undefined,
	fallback: string | number,
): unknown {
	if (value === undefined) return fallback;
	const { workflow, node } = fixture;
	const resolved = workflow.expression.getSimpleParameterValue(
		node,
		value as string,
		'webhook',
		{},
		undefined,
		fallback,
	);
	return resolved ?? fallback;
}

/**
 * What n8n's webhook handler sends when the node itself did not answer the request. With
 * `onReceived` and no `responseData` in the description, n8n 2.41 answers the literal text
 * `firstEntryJson` (its default for that field).
 */
function answerLikeN8n(
	fixture: WorkflowFixture,
	description: IWebhookDescription,
	result: IWebhookResponseData,
	res: Response,
): void {
	if (res.writableEnded) return;
	if (result.noWebhookResponse === true) {
		res.status(500).end();
		throw new UnexpectedError(
			'The node returned noWebhookResponse without ending the response; n8n would leave the request open',
		);
	}
	const code = Number(descriptionValue(fixture, description.responseCode, 200));
	if (result.workflowData === undefined) {
		const body = result.webhookResponse ?? { message: 'Webhook call received' };
		res.status(code);
		if (typeof body === 'string') res.send(body);
		else res.json(body);
		return;
	}
	const mode = String(descriptionValue(fixture, description.responseMode, 'onReceived'));
	if (mode !== 'onReceived') {
		throw new UnexpectedError(
			`Response mode "${mode}" needs the rest of the workflow; the harness answers only onReceived`,
		);
	}
	const responseData = descriptionValue(fixture, description.responseData, 'firstEntryJson');
	if (responseData === 'noData') {
		res.status(code).end();
		return;
	}
	const body = responseData || (result.webhookResponse ?? { message: 'Workflow was started' });
	res.status(code);
	if (typeof body === 'string') res.send(body);
	else res.json(body);
}

/**
 * Sends `request` over real loopback HTTP to the node's `webhook` method, running in n8n-core's
 * WebhookContext with n8n's request preparation (rawBody, parsed JSON/form/text body). Resolves
 * with what the HTTP client received plus the node's workflowData; rejects with the node's error.
 */
export async function runWebhook(options: RunWebhookOptions): Promise<WebhookRunResult> {
	const fixture = buildWorkflowFixture(options);
	const { workflow, node, nodeType } = fixture;
	if (!nodeType.webhook) throw new UnexpectedError(`Node "${node.type}" has no webhook method`);
	const { webhook } = nodeType;
	const description = webhookDescription(fixture, options.webhookName);
	let result: IWebhookResponseData = {};
	const { reply, error } = await exchangeOverLoopback(options.request, async (req, res) => {
		const additionalData = { ...fixture.additionalData, httpRequest: req, httpResponse: res };
		const data = {
			...webhookData(fixture, description),
			workflowExecuteAdditionalData: additionalData,
		};
		const closeFunctions: CloseFunction[] = [];
		const context = new WebhookContext(
			workflow,
			node,
			additionalData,
			'webhook',
			data,
			closeFunctions,
			null,
		);
		try {
			result = await webhook.call(context);
		} finally {
			await runCloseFunctions(closeFunctions);
		}
		answerLikeN8n(fixture, description, result, res);
	});
	if (error !== undefined) throw error;
	return {
		...reply,
		workflowData: result.workflowData,
		noWebhookResponse: result.noWebhookResponse,
		staticDataChanged: (workflow.staticData as IDataObject).__dataChanged === true,
	};
}

/**
 * Runs a credential type's `test` request the way n8n's credentials tester does: defaults and
 * expressions applied to the data, then the request routed through n8n-core's RoutingNode on a
 * throw-away node, authenticated by the credential, with n8n's status/message mapping.
 */
export async function testCredential(
	options: TestCredentialOptions,
): Promise<CredentialTestResult> {
	const { credentialType } = options;
	const testRequest = credentialType.test;
	if (!testRequest)
		return { status: 'Error', message: 'No testing function found for this credential.' };
	const probeNode: INodeType = {
		description: {
			displayName: 'No Operation, do nothing',
			name: 'noOp',
			group: ['organization'],
			version: 1,
			description: 'Credential test carrier',
			defaults: { name: 'Temp-Node' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: credentialType.name, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	};
	const credentials = { [credentialType.name]: { ...options.data } };
	const fixture = buildWorkflowFixture({
		node: probeNode,
		nodeType: 'n8n-nodes-base.noOp',
		parameters: {},
		credentials,
		credentialTypes: [credentialType],
	});
	const { workflow, node, additionalData, credentialsHelper } = fixture;
	let data: ICredentialDataDecryptedObject;
	try {
		data = await credentialsHelper.applyDefaultsAndExpressions(
			additionalData,
			options.data,
			credentialType.name,
			'internal',
		);
	} catch (error) {
		return { status: 'Error', message: String((error as Error).message) };
	}
	const items = [{ json: {} }];
	const inputData = { [NodeConnectionTypes.Main]: [items] };
	const executeData: IExecuteData = { node, data: {}, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		{ ...additionalData, currentNodeParameters: node.parameters },
		'internal',
		createRunExecutionData(),
		0,
		[],
		inputData,
		executeData,
		[],
	);
	const decrypted = {
		id: credentialType.name,
		name: credentialType.name,
		type: credentialType.name,
		data,
	};
	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await new RoutingNode(context, probeNode, decrypted).runNode();
	} catch (error) {
		return credentialTestFailure(error, testRequest.rules);
	}
	for (const rule of testRequest.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const json = response?.[0]?.[0]?.json ?? {};
		if (lookup(json, rule.properties.key) === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

function lookup(json: IDataObject, path: string): unknown {
	return path
		.split('.')
		.reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], json);
}

type CredentialTestRules = NonNullable<ICredentialType['test']>['rules'];

function credentialTestFailure(error: unknown, rules: CredentialTestRules): CredentialTestResult {
	const failure = error as {
		message?: string;
		cause?: { code?: string; response?: { status: number; statusText?: string } };
	};
	const response = failure.cause?.response;
	if (response) {
		for (const rule of rules ?? []) {
			if (rule.type === 'responseCode' && rule.properties.value === response.status) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
		if (response.status < 199 || response.status > 299) {
			return {
				status: 'Error',
				message: response.statusText || `Received HTTP status code: ${response.status}`,
			};
		}
	} else if (failure.cause?.code) {
		return { status: 'Error', message: failure.cause.code };
	}
	return { status: 'Error', message: String(failure.message) };
}
