import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { Auth0MfaApi } from '../../credentials/Auth0MfaApi.credentials';
import { IdpSyncProfileApi } from '../../credentials/IdpSyncProfileApi.credentials';
import { Auth0Mfa } from '../../nodes/Auth0Mfa/Auth0Mfa.node';
import type { FakeAuth0 } from '../../sandbox/auth0/server';
import { executeNode } from '../harness/engine';

export const FAST = { retryBaseDelayMs: 1 };

export function auth0MfaCredentials(auth0: FakeAuth0, overrides: Record<string, string> = {}): Record<string, string> {
	return { domain: auth0.domain, clientId: auth0.clientId, clientSecret: auth0.clientSecret, ...overrides };
}

export interface Auth0RunOptions {
	continueOnFail?: boolean;
	/** The harness's credential store entry; the same object keeps the token between runs. */
	credentials?: Record<string, string>;
	profile?: string;
}

/** Runs the Auth0 MFA node once through n8n-core's execution context against the fake Auth0. */
export async function runAuth0Mfa(
	auth0: FakeAuth0,
	parameters: INodeParameters,
	items: INodeExecutionData[] = [{ json: {} }],
	options: Auth0RunOptions = {},
): Promise<INodeExecutionData[]> {
	const credentials: Record<string, IDataObject> = { auth0MfaApi: options.credentials ?? auth0MfaCredentials(auth0) };
	if (options.profile !== undefined) credentials.idpSyncProfileApi = { profile: options.profile };
	const [output] = await executeNode({
		node: new Auth0Mfa(),
		parameters,
		items,
		credentials: credentials as Record<string, ICredentialDataDecryptedObject>,
		credentialTypes: [new Auth0MfaApi(), new IdpSyncProfileApi()],
		continueOnFail: options.continueOnFail,
	});
	return output;
}

export function auth0UserByEmail(auth0: FakeAuth0, email: string) {
	return [...auth0.state.users.values()].find((user) => String(user.email).toLowerCase() === email.toLowerCase());
}

/** Names of the roles the user has, sorted. */
export function auth0RoleNames(auth0: FakeAuth0, userId: string): string[] {
	return [...(auth0.state.userRoles.get(userId) ?? [])]
		.map((roleId) => auth0.state.roles.get(roleId)?.name)
		.filter((name): name is string => !!name)
		.sort();
}
