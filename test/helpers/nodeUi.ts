import {
	NodeHelpers,
	Workflow,
	type INode,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
} from 'n8n-workflow';

import { name as packageName } from '../../package.json';

/** A node as n8n's editor holds it: the given parameters, completed with the defaults it shows. */
export function editorNode(nodeType: INodeType, parameters: INodeParameters): INode {
	const node: INode = {
		id: 'ui-node',
		name: nodeType.description.defaults.name ?? nodeType.description.displayName,
		type: `${packageName}.${nodeType.description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	node.parameters =
		NodeHelpers.getNodeParameters(nodeType.description.properties, parameters, true, false, node, nodeType.description) ??
		{};
	return node;
}

/** The names of the credentials n8n shows (and requires) for these parameters. */
export function shownCredentials(nodeType: INodeType, parameters: INodeParameters): string[] {
	const node = editorNode(nodeType, parameters);
	return (nodeType.description.credentials ?? [])
		.filter((credential) => NodeHelpers.displayParameter(node.parameters, credential, node, nodeType.description))
		.map((credential) => credential.name);
}

/** The subtitle n8n's canvas shows under the node (the editor's getNodeSubtitle). */
export function subtitleOf(nodeType: INodeType, parameters: INodeParameters): unknown {
	const node = editorNode(nodeType, parameters);
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(node, nodeType.description.subtitle as string, 'internal', {});
}
