import {
	NodeConnectionTypes,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IExecuteFunctions,
	type INodeType,
} from 'n8n-workflow';

import type { RetryPolicy } from '../../nodes/shared/http/retryPolicy';
import { executeNode } from '../harness/engine';

/** Retries without waiting, and a short timeout, for tests against the loopback fakes. */
export const FAST = {
	baseDelayMs: 1,
	maxDelayMs: 20,
	maxRateLimitRetries: 3,
	maxServerErrorRetries: 2,
	maxNetworkRetries: 2,
	timeoutMs: 2000,
} satisfies RetryPolicy;

/**
 * Runs `run` inside a test-only node's `execute`, in n8n-core's real ExecuteContext, so that
 * requests go through `httpRequestWithAuthentication` with the credential's preAuthentication and
 * authenticate. `credentials` is the harness's credential store: tokens a credential refreshes are
 * written back into it, as n8n would save them.
 */
export async function runInNode<T>(options: {
	credentialType: ICredentialType;
	credentials: ICredentialDataDecryptedObject;
	run: (ctx: IExecuteFunctions) => Promise<T>;
}): Promise<T> {
	let result: T | undefined;
	const probe: INodeType = {
		description: {
			displayName: 'API Probe',
			name: 'apiProbe',
			group: ['transform'],
			version: 1,
			description: 'Runs transport and client code in a node context',
			defaults: { name: 'API Probe' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: options.credentialType.name, required: true }],
			properties: [],
		},
		async execute(this: IExecuteFunctions) {
			result = await options.run(this);
			return [[{ json: {} }]];
		},
	};
	await executeNode({
		node: probe,
		parameters: {},
		credentials: { [options.credentialType.name]: options.credentials },
		credentialTypes: [options.credentialType],
	});
	return result as T;
}

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, any>> {
	try {
		await promise;
	} catch (error) {
		return error as Error & Record<string, any>;
	}
	throw new Error('Expected the promise to reject');
}
