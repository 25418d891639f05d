import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	INodeType,
} from 'n8n-workflow';

import { IdpSyncProfileApi } from '../../credentials/IdpSyncProfileApi.credentials';
import type { IdentityEvent } from '../../nodes/shared/model';
import type { FakeMfaServer } from '../../sandbox/mfaFakeServer';
import { executeNode } from '../harness/engine';

export interface MfaRunOptions {
	continueOnFail?: boolean;
	/** The provider credential's data, instead of the fake's. */
	credentials?: Record<string, string>;
	/** The `profile` of an IdP Sync Profile API credential (JSON text or an object). */
	profile?: string | IDataObject;
	/** The node's type name, e.g. `…Tool` when an AI agent uses it as a tool. */
	nodeType?: string;
}

/** An MFA node with its credential, against one fake. */
export interface MfaNodeUnderTest {
	node: () => INodeType;
	credentialType: ICredentialType;
	credentials: () => Record<string, string>;
}

/** Runs the node once through n8n-core's execution context. */
export async function runMfaNode(
	target: MfaNodeUnderTest,
	parameters: INodeParameters,
	items: INodeExecutionData[] = [{ json: {} }],
	options: MfaRunOptions = {},
): Promise<INodeExecutionData[]> {
	const credentials: Record<string, ICredentialDataDecryptedObject> = {
		[target.credentialType.name]: options.credentials ?? target.credentials(),
	};
	if (options.profile !== undefined) {
		credentials.idpSyncProfileApi = {
			profile: typeof options.profile === 'string' ? options.profile : JSON.stringify(options.profile),
		};
	}
	const [output] = await executeNode({
		node: target.node(),
		parameters,
		items,
		credentials,
		credentialTypes: [target.credentialType, new IdpSyncProfileApi()],
		continueOnFail: options.continueOnFail,
		nodeType: options.nodeType,
	});
	return output;
}

/** Runs Apply on the given events (fast retries) and returns the output JSON. */
export async function applyWithNode(
	target: MfaNodeUnderTest,
	events: IdentityEvent[],
	options: IDataObject = {},
	extra: INodeParameters = {},
): Promise<IDataObject[]> {
	const output = await runMfaNode(
		target,
		{ resource: 'identityEvent', operation: 'apply', options: { retryBaseDelayMs: 1, ...options }, ...extra },
		events.map((event) => ({ json: event as unknown as IDataObject })),
	);
	return output.map((item) => item.json);
}

/** The writes a fake received (its calls of kind `write`), as method, path below `base`, and body. */
export function writesTo(fake: FakeMfaServer, base: RegExp) {
	return fake.calls
		.filter((call) => call.kind === 'write')
		.map((call) => ({ method: call.method, path: call.path.replace(base, ''), params: call.body ?? {} }));
}
