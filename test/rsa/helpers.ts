import type { IExecuteFunctions } from 'n8n-workflow';

import { RsaSecurIdApi } from '../../credentials/RsaSecurIdApi.credentials';
import { RsaSecurIdClient } from '../../nodes/RsaSecurId/client/RsaSecurIdClient';
import { startFakeRsa, type FakeRsa, type FakeRsaSeedUser } from '../../sandbox/rsa/server';
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
