import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { IdpSyncProfileApi } from '../../credentials/IdpSyncProfileApi.credentials';
import { OktaMfaApi } from '../../credentials/OktaMfaApi.credentials';
import { OktaMfa } from '../../nodes/OktaMfa/OktaMfa.node';
import type { FakeOkta } from '../../sandbox/okta/server';
import { executeNode } from '../harness/engine';

/** Options that keep retries fast in tests. */
export const FAST = { retryBaseDelayMs: 1 };

export function oktaMfaCredentials(fake: FakeOkta, overrides: Record<string, string> = {}) {
	return { orgUrl: fake.url, apiToken: fake.apiToken, ...overrides };
}

export interface OktaRunOptions {
	continueOnFail?: boolean;
	credentials?: Record<string, string>;
	profile?: string;
	nodeType?: string;
}

/** Runs the Okta MFA node once through n8n-core's execution context against the fake. */
export async function runOktaMfa(
	fake: FakeOkta,
	parameters: INodeParameters,
	items: INodeExecutionData[] = [{ json: {} }],
	options: OktaRunOptions = {},
): Promise<INodeExecutionData[]> {
	const credentials: Record<string, IDataObject> = { oktaMfaApi: options.credentials ?? oktaMfaCredentials(fake) };
	if (options.profile !== undefined) credentials.idpSyncProfileApi = { profile: options.profile };
	const [output] = await executeNode({
		node: new OktaMfa(),
		parameters,
		items,
		credentials: credentials as Record<string, ICredentialDataDecryptedObject>,
		credentialTypes: [new OktaMfaApi(), new IdpSyncProfileApi()],
		continueOnFail: options.continueOnFail,
		nodeType: options.nodeType,
	});
	return output;
}

/** The fake's user by login, or undefined. */
export function oktaUserByLogin(fake: FakeOkta, login: string) {
	return [...fake.state.users.values()].find((user) => String(user.profile.login).toLowerCase() === login.toLowerCase());
}

/** Names of the OKTA_GROUP groups the user is in, sorted. */
export function oktaGroupNames(fake: FakeOkta, userId: string): string[] {
	return [...fake.state.groups.values()]
		.filter((group) => fake.state.memberships.get(group.id)?.has(userId))
		.map((group) => group.profile.name)
		.sort();
}
