import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INodeParameters,
} from 'n8n-workflow';

import { IdpEventTrigger } from '../../nodes/IdpEventTrigger/IdpEventTrigger.node';
import { runWebhook } from '../harness/engine';
import { HARNESS_WEBHOOK_ID } from '../harness/workflowFixture';
import { serveOnLoopback } from './loopbackHost';

export interface HostedTrigger {
	/**
	 * The production URL n8n would give the trigger: `<origin>/webhook/<webhookId>/events`, with the
	 * webhookId the harness gives the node when it runs the webhook.
	 */
	url: string;
	/** The items of every execution the trigger started, in order. */
	emitted: IDataObject[][];
	/** Every request the trigger answered, with the reply status. */
	calls: Array<{ method: string; query: Record<string, string>; status: number; body: string }>;
	close(): Promise<void>;
}

/**
 * Serves the IdP Event Trigger on 127.0.0.1 the way n8n routes its webhooks (GET → "setup",
 * otherwise "default"), through n8n-core's real webhook context, for any provider's credential.
 */
export async function hostTrigger(options: {
	parameters: INodeParameters;
	/** The credentials, or a function that gives them for each request. */
	credentials:
		| Record<string, ICredentialDataDecryptedObject>
		| (() => Record<string, ICredentialDataDecryptedObject>);
	credentialTypes: ICredentialType[];
	staticData: IDataObject;
}): Promise<HostedTrigger> {
	const emitted: IDataObject[][] = [];
	const calls: HostedTrigger['calls'] = [];
	const host = await serveOnLoopback(async (request) => {
		const result = await runWebhook({
			node: new IdpEventTrigger(),
			parameters: options.parameters,
			credentials:
				typeof options.credentials === 'function' ? options.credentials() : options.credentials,
			credentialTypes: options.credentialTypes,
			webhookName: request.method === 'GET' ? 'setup' : 'default',
			request: {
				method: request.method,
				headers: request.headers,
				body: request.body,
				query: request.query,
			},
			staticData: options.staticData,
		});
		if (result.workflowData) emitted.push(result.workflowData[0].map((item) => item.json));
		calls.push({
			method: request.method,
			query: request.query,
			status: result.status,
			body: result.body,
		});
		return { status: result.status, headers: result.headers, body: result.body };
	});
	return {
		url: `${host.origin}/webhook/${HARNESS_WEBHOOK_ID}/events`,
		emitted,
		calls,
		close: host.close,
	};
}
