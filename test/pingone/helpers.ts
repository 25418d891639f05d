import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeParameters } from 'n8n-workflow';

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
import { applyWithNode, runMfaNode, writesTo, type MfaNodeUnderTest, type MfaRunOptions } from '../helpers/mfaNode';
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

const pingOneNode = (fake: FakePingOne): MfaNodeUnderTest => ({
	node: () => new PingOneMfa(),
	credentialType: new PingOneMfaApi(),
	credentials: () => pingOneCredentials(fake),
});

/** Runs the PingOne MFA node once through n8n-core's execution context against the fake. */
export async function runPingOne(
	fake: FakePingOne,
	parameters: INodeParameters,
	items?: INodeExecutionData[],
	options?: MfaRunOptions,
): Promise<INodeExecutionData[]> {
	return await runMfaNode(pingOneNode(fake), parameters, items, options);
}

/** Runs Apply on the given events (fast retries) and returns the output JSON. */
export async function applyToPingOne(
	fake: FakePingOne,
	events: IdentityEvent[],
	options?: IDataObject,
	extra?: INodeParameters,
): Promise<IDataObject[]> {
	return await applyWithNode(pingOneNode(fake), events, options, extra);
}

/** The writes (every API call but GETs and tokens) the fake received, as method, path and body. */
export const pingOneWrites = (fake: FakePingOne) => writesTo(fake, /^\/v1\/environments\/[^/]+/);
