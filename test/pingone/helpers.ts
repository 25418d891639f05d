import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
} from 'n8n-workflow';

import { IdpSyncProfileApi } from '../../credentials/IdpSyncProfileApi.credentials';
import { PingOneMfaApi } from '../../credentials/PingOneMfaApi.credentials';
import { PingOneMfa } from '../../nodes/PingOneMfa/PingOneMfa.node';
import type { IdentityEvent } from '../../nodes/shared/model';
import { PingOneMfaClient } from '../../nodes/PingOneMfa/client/PingOneMfaClient';
import {
	startFakePingOne,
	type FakePingOne,
	type FakePingOneDevice,
	type FakePingOneSeedUser,
} from '../../sandbox/pingone/server';
import { executeNode } from '../harness/engine';
import { FAST, runInNode } from '../helpers/nodeProbe';

export { FAST, startFakePingOne };

/** Ann, in group `staff`, with the given MFA devices. */
export function annInStaff(devices: FakePingOneDevice[]): FakePingOneSeedUser {
	return { username: 'ann', email: 'ann@example.com', groups: ['staff'], devices };
}

export function pingOneCredentials(
	fake: FakePingOne,
	overrides: Record<string, string> = {},
): Record<string, string> {
	return {
		environmentId: fake.environmentId,
		region: 'custom',
		authBaseUrl: fake.authBaseUrl,
		apiBaseUrl: fake.apiBaseUrl,
		clientId: fake.clientId,
		clientSecret: fake.clientSecret,
		clientAuthentication: fake.tokenAuthMethod === 'CLIENT_SECRET_POST' ? 'post' : 'basic',
		...overrides,
	};
}

/** Runs `run` in one node execution with the credential (the same object keeps its token). */
export async function inPingOneNode<T>(
	credentials: Record<string, string>,
	run: (ctx: IExecuteFunctions) => Promise<T>,
): Promise<T> {
	return await runInNode({ credentialType: new PingOneMfaApi(), credentials, run });
}

/** Runs `run` with a client on FAST retries. */
export async function withClient<T>(
	fake: FakePingOne,
	run: (client: PingOneMfaClient) => Promise<T>,
	credentials = pingOneCredentials(fake),
): Promise<T> {
	return await inPingOneNode(
		credentials,
		async (ctx) => await run(new PingOneMfaClient(ctx, { retry: FAST })),
	);
}

export interface PingOneRunOptions {
	continueOnFail?: boolean;
	credentials?: Record<string, string>;
	/** The `profile` of an IdP Sync Profile API credential (JSON text or an object). */
	profile?: string | IDataObject;
	/** The node's type name, e.g. `…pingOneMfaTool` when an AI agent uses it as a tool. */
	nodeType?: string;
}

/** Runs the PingOne MFA node once through n8n-core's execution context against the fake. */
export async function runPingOne(
	fake: FakePingOne,
	parameters: INodeParameters,
	items: INodeExecutionData[] = [{ json: {} }],
	options: PingOneRunOptions = {},
): Promise<INodeExecutionData[]> {
	const credentials: Record<string, ICredentialDataDecryptedObject> = {
		pingOneMfaApi: options.credentials ?? pingOneCredentials(fake),
	};
	if (options.profile !== undefined) {
		credentials.idpSyncProfileApi = {
			profile: typeof options.profile === 'string' ? options.profile : JSON.stringify(options.profile),
		};
	}
	const [output] = await executeNode({
		node: new PingOneMfa(),
		parameters,
		items,
		credentials,
		credentialTypes: [new PingOneMfaApi(), new IdpSyncProfileApi()],
		continueOnFail: options.continueOnFail,
		nodeType: options.nodeType,
	});
	return output;
}

/** Runs Apply on the given events (fast retries) and returns the output JSON. */
export async function applyToPingOne(
	fake: FakePingOne,
	events: IdentityEvent[],
	options: IDataObject = {},
	extra: INodeParameters = {},
): Promise<IDataObject[]> {
	const output = await runPingOne(
		fake,
		{ resource: 'identityEvent', operation: 'apply', options: { retryBaseDelayMs: 1, ...options }, ...extra },
		events.map((event) => ({ json: event as unknown as IDataObject })),
	);
	return output.map((item) => item.json);
}

/** The writes (every API call but GETs and tokens) the fake received, as method, path and body. */
export function pingOneWrites(fake: FakePingOne) {
	return fake.calls
		.filter((call) => call.kind === 'write')
		.map((call) => ({
			method: call.method,
			path: call.path.replace(/^\/v1\/environments\/[^/]+/, ''),
			params: call.body ?? {},
		}));
}
