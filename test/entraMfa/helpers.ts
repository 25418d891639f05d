import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { EntraMfaApi } from '../../credentials/EntraMfaApi.credentials';
import { IdpSyncProfileApi } from '../../credentials/IdpSyncProfileApi.credentials';
import { EntraMfa } from '../../nodes/EntraMfa/EntraMfa.node';
import type { FakeGraph } from '../../sandbox/graph/server';
import { executeNode } from '../harness/engine';

export const FAST = { retryBaseDelayMs: 1 };

export function entraMfaCredentials(graph: FakeGraph, overrides: Record<string, string> = {}): Record<string, string> {
	return {
		tenantId: graph.tenantId,
		clientId: graph.clientId,
		clientSecret: graph.clientSecret,
		graphBaseUrl: graph.graphUrl,
		loginBaseUrl: graph.loginUrl,
		...overrides,
	};
}

export interface EntraRunOptions {
	continueOnFail?: boolean;
	/** The harness's credential store entry; the same object keeps the token between runs. */
	credentials?: Record<string, string>;
	profile?: string;
}

/** Runs the Entra ID MFA node once through n8n-core's execution context against the fake Graph. */
export async function runEntraMfa(
	graph: FakeGraph,
	parameters: INodeParameters,
	items: INodeExecutionData[] = [{ json: {} }],
	options: EntraRunOptions = {},
): Promise<INodeExecutionData[]> {
	const credentials: Record<string, IDataObject> = { entraMfaApi: options.credentials ?? entraMfaCredentials(graph) };
	if (options.profile !== undefined) credentials.idpSyncProfileApi = { profile: options.profile };
	const [output] = await executeNode({
		node: new EntraMfa(),
		parameters,
		items,
		credentials: credentials as Record<string, ICredentialDataDecryptedObject>,
		credentialTypes: [new EntraMfaApi(), new IdpSyncProfileApi()],
		continueOnFail: options.continueOnFail,
	});
	return output;
}

export function entraUserByUpn(graph: FakeGraph, upn: string) {
	return [...graph.directory.users.values()].find((user) => String(user.userPrincipalName).toLowerCase() === upn.toLowerCase());
}

/** Names of the groups the user is in, sorted. */
export function entraGroupNames(graph: FakeGraph, userId: string): string[] {
	return [...graph.directory.groups.values()]
		.filter((group) => graph.directory.members.get(group.id)?.has(userId))
		.map((group) => String(group.displayName))
		.sort();
}
