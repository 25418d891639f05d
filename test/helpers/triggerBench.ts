import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INodeParameters,
} from 'n8n-workflow';

import { IdpEventTrigger } from '../../nodes/IdpEventTrigger/IdpEventTrigger.node';
import { runHookMethod, runWebhook, type WebhookRequest } from '../harness/engine';
import { hostTrigger, type HostedTrigger } from './triggerHost';

export type HookMethod = 'checkExists' | 'create' | 'delete';

export interface TriggerBench {
	/** Serves the trigger on 127.0.0.1; `closeHosts` stops every host served so far. */
	host(parameters: INodeParameters, staticData: IDataObject): Promise<HostedTrigger>;
	/** Runs one of the trigger's webhook lifecycle methods for the given production URL. */
	hook(
		parameters: INodeParameters,
		staticData: IDataObject,
		url: string,
		method: HookMethod,
	): Promise<boolean>;
	/** Runs the trigger's "default" webhook with one request. */
	webhook(
		parameters: INodeParameters,
		staticData: IDataObject,
		request: WebhookRequest,
	): ReturnType<typeof runWebhook>;
	closeHosts(): Promise<void>;
}

/**
 * Drives the IdP Event Trigger for one provider through n8n-core's contexts. `credentials` is
 * read on every call, so a test may restart its fake and replace the credential.
 */
export function triggerBench(options: {
	credentialName: string;
	credentialType: new () => ICredentialType;
	credentials: () => ICredentialDataDecryptedObject;
	workflowName: string;
}): TriggerBench {
	const hosts: HostedTrigger[] = [];
	const credentials = () => ({ [options.credentialName]: options.credentials() });
	const credentialTypes = () => [new options.credentialType()];
	return {
		host: async (parameters, staticData) => {
			const hosted = await hostTrigger({
				parameters,
				credentials,
				credentialTypes: credentialTypes(),
				staticData,
			});
			hosts.push(hosted);
			return hosted;
		},
		hook: async (parameters, staticData, url, method) =>
			await runHookMethod({
				node: new IdpEventTrigger(),
				parameters,
				credentials: credentials(),
				credentialTypes: credentialTypes(),
				method,
				webhookUrl: url,
				staticData,
				workflowName: options.workflowName,
			}),
		webhook: async (parameters, staticData, request) =>
			await runWebhook({
				node: new IdpEventTrigger(),
				parameters,
				credentials: credentials(),
				credentialTypes: credentialTypes(),
				webhookName: 'default',
				request,
				staticData,
			}),
		closeHosts: async () => {
			await Promise.all(hosts.splice(0).map(async (hosted) => await hosted.close()));
		},
	};
}
