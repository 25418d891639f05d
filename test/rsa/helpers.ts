import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
} from 'n8n-workflow';

import { IdpSyncProfileApi } from '../../credentials/IdpSyncProfileApi.credentials';
import { RsaSecurIdApi } from '../../credentials/RsaSecurIdApi.credentials';
import { RsaSecurId } from '../../nodes/RsaSecurId/RsaSecurId.node';
import type { IdentityEvent } from '../../nodes/shared/model';
import { RsaSecurIdClient } from '../../nodes/RsaSecurId/client/RsaSecurIdClient';
import { startFakeRsa, type FakeRsa, type FakeRsaSeedUser } from '../../sandbox/rsa/server';
import { executeNode } from '../harness/engine';
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

export interface RsaRunOptions {
	continueOnFail?: boolean;
	credentials?: Record<string, string>;
	/** The `profile` of an IdP Sync Profile API credential (JSON text or an object). */
	profile?: string | IDataObject;
	nodeType?: string;
}

/** Runs the RSA SecurID node once through n8n-core's execution context against the fake. */
export async function runRsa(
	fake: FakeRsa,
	parameters: INodeParameters,
	items: INodeExecutionData[] = [{ json: {} }],
	options: RsaRunOptions = {},
): Promise<INodeExecutionData[]> {
	const credentials: Record<string, ICredentialDataDecryptedObject> = {
		rsaSecurIdApi: options.credentials ?? rsaCredentials(fake),
	};
	if (options.profile !== undefined) {
		credentials.idpSyncProfileApi = {
			profile: typeof options.profile === 'string' ? options.profile : JSON.stringify(options.profile),
		};
	}
	const [output] = await executeNode({
		node: new RsaSecurId(),
		parameters,
		items,
		credentials,
		credentialTypes: [new RsaSecurIdApi(), new IdpSyncProfileApi()],
		continueOnFail: options.continueOnFail,
		nodeType: options.nodeType,
	});
	return output;
}

/** Runs Apply on the given events (fast retries) and returns the output JSON. */
export async function applyToRsa(
	fake: FakeRsa,
	events: IdentityEvent[],
	options: IDataObject = {},
	extra: INodeParameters = {},
): Promise<IDataObject[]> {
	const output = await runRsa(
		fake,
		{ resource: 'identityEvent', operation: 'apply', options: { retryBaseDelayMs: 1, ...options }, ...extra },
		events.map((event) => ({ json: event as unknown as IDataObject })),
	);
	return output.map((item) => item.json);
}

/** The writes the fake received (lookups and searches are reads), as method, path and body. */
export function rsaWrites(fake: FakeRsa) {
	return fake.calls
		.filter((call) => call.kind === 'write')
		.map((call) => ({
			method: call.method,
			path: call.path.replace(/^\/AdminInterface\/restapi/, ''),
			params: call.body ?? {},
		}));
}
