import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { RsaSecurIdApi } from '../../credentials/RsaSecurIdApi.credentials';
import { RsaSecurId } from '../../nodes/RsaSecurId/RsaSecurId.node';
import type { IdentityEvent } from '../../nodes/shared/model';
import { RsaSecurIdClient } from '../../nodes/RsaSecurId/client/RsaSecurIdClient';
import { startFakeRsa, type FakeRsa, type FakeRsaSeedUser } from '../../sandbox/rsa/server';
import { applyWithNode, runMfaNode, writesTo, type MfaNodeUnderTest, type MfaRunOptions } from '../helpers/mfaNode';
import { FAST, runInNode } from '../helpers/nodeProbe';

export { FAST, startFakeRsa };

/** Ann, enabled, with an app authenticator, a browser and a SecurID 700 token. */
export const ANN_WITH_AUTHENTICATORS: FakeRsaSeedUser = {
	emailAddress: 'ann@example.com',
	firstName: 'Ann',
	devices: [
		{ type: 'RSA_AUTHENTICATOR', platform: 'Android' },
		{ type: 'BROWSER', browser: true },
		{ type: 'SECURID_700', hardware: true },
	],
};

export function rsaCredentials(fake: FakeRsa, overrides: Record<string, string> = {}) {
	return {
		accessId: fake.accessId,
		privateKey: fake.accessKey,
		adminRestApiUrl: fake.adminRestApiUrl,
		...overrides,
	};
}

export async function inRsaNode<T>(
	credentials: Record<string, string>,
	run: (ctx: IExecuteFunctions) => Promise<T>,
): Promise<T> {
	return await runInNode({ credentialType: new RsaSecurIdApi(), credentials, run });
}

export async function withRsaClient<T>(
	fake: FakeRsa,
	run: (client: RsaSecurIdClient) => Promise<T>,
	credentials: Record<string, string> = rsaCredentials(fake),
): Promise<T> {
	return await inRsaNode(
		credentials,
		async (ctx) => await run(new RsaSecurIdClient(ctx, { retry: FAST })),
	);
}

const rsaNode = (fake: FakeRsa): MfaNodeUnderTest => ({
	node: () => new RsaSecurId(),
	credentialType: new RsaSecurIdApi(),
	credentials: () => rsaCredentials(fake),
});

/** Runs the RSA SecurID node once through n8n-core's execution context against the fake. */
export async function runRsa(
	fake: FakeRsa,
	parameters: INodeParameters,
	items?: INodeExecutionData[],
	options?: MfaRunOptions,
): Promise<INodeExecutionData[]> {
	return await runMfaNode(rsaNode(fake), parameters, items, options);
}

/** Runs Apply on the given events (fast retries) and returns the output JSON. */
export async function applyToRsa(
	fake: FakeRsa,
	events: IdentityEvent[],
	options?: IDataObject,
	extra?: INodeParameters,
): Promise<IDataObject[]> {
	return await applyWithNode(rsaNode(fake), events, options, extra);
}

/** The writes the fake received (lookups and searches are reads), as method, path and body. */
export const rsaWrites = (fake: FakeRsa) => writesTo(fake, /^\/AdminInterface\/restapi/);
