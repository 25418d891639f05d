import { ExternalSecretsProxy } from 'n8n-core';
import {
	NodeHelpers,
	UnexpectedError,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type INode,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IVersionedNodeType,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { name as packageName } from '../../package.json';
import { HarnessCredentialsHelper } from './credentialsHelper';
import { prepareN8nContainer } from './n8nContainer';

export interface FixtureOptions {
	node: INodeType;
	parameters: INodeParameters;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	credentialTypes: ICredentialType[];
	continueOnFail?: boolean;
	staticData?: IDataObject;
	workflowName?: string;
	nodeType?: string;
}

export interface WorkflowFixture {
	workflow: Workflow;
	node: INode;
	nodeType: INodeType;
	additionalData: IWorkflowExecuteAdditionalData;
	credentialsHelper: HarnessCredentialsHelper;
}

export const HARNESS_WEBHOOK_BASE_URL = 'http://127.0.0.1:5678/webhook';
export const HARNESS_WEBHOOK_ID = 'c0ffee00-0000-4000-8000-000000000001';

function latestVersion(nodeType: INodeType): number {
	const { version } = nodeType.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

function singleNodeTypes(typeName: string, nodeType: INodeType): INodeTypes {
	const lookup = (name: string): INodeType | IVersionedNodeType => {
		if (name !== typeName) throw new UnexpectedError(`Unknown node type "${name}" in the harness`);
		return nodeType;
	};
	return {
		getByName: lookup,
		getByNameAndVersion: (name, version) => NodeHelpers.getVersionedNodeType(lookup(name), version),
		getKnownTypes: () => ({}),
	};
}

function unavailable(feature: string): () => never {
	return () => {
		throw new UnexpectedError(`${feature} is not available in the node harness`);
	};
}

function buildAdditionalData(
	credentialsHelper: HarnessCredentialsHelper,
	workflowId: string,
): IWorkflowExecuteAdditionalData {
	const base = 'http://127.0.0.1:5678';
	return {
		credentialsHelper,
		executeWorkflow: unavailable('Executing sub-workflows'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: unavailable('The Code node task runner'),
		logAiEvent: () => {},
		externalSecretsProxy: new ExternalSecretsProxy(),
		currentNodeExecutionIndex: 0,
		executionId: 'harness-execution',
		workflowId,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: `${base}/`,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		webhookBaseUrl: HARNESS_WEBHOOK_BASE_URL,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		variables: {},
	};
}

/**
 * One workflow holding one node of the given type, as n8n would load it: the Workflow constructor
 * fills in parameter defaults from the description, credentials are referenced by type name, and
 * the node's static data lives under `node:<name>` in the workflow's static data.
 */
export function buildWorkflowFixture(options: FixtureOptions): WorkflowFixture {
	prepareN8nContainer();
	const { description } = options.node;
	const typeName = options.nodeType ?? `${packageName}.${description.name}`;
	const credentials = options.credentials ?? {};
	const node: INode = {
		id: 'harness-node',
		name: description.defaults.name ?? description.displayName,
		type: typeName,
		typeVersion: latestVersion(options.node),
		position: [0, 0],
		parameters: options.parameters,
		credentials: Object.fromEntries(
			Object.keys(credentials).map((type) => [type, { id: type, name: `${type} (harness)` }]),
		),
		webhookId: HARNESS_WEBHOOK_ID,
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const workflowId = 'harness-workflow';
	const workflow = new Workflow({
		id: workflowId,
		name: options.workflowName ?? 'Harness Workflow',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: singleNodeTypes(typeName, options.node),
		staticData: { [`node:${node.name}`]: options.staticData ?? {} },
	});
	const credentialsHelper = new HarnessCredentialsHelper(options.credentialTypes, credentials);
	return {
		workflow,
		node,
		nodeType: options.node,
		additionalData: buildAdditionalData(credentialsHelper, workflowId),
		credentialsHelper,
	};
}
