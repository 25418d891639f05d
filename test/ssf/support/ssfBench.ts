import type { ICredentialDataDecryptedObject, ICredentialType, IDataObject, INodeParameters } from 'n8n-workflow';

import { OktaIdpApi } from '../../../credentials/OktaIdpApi.credentials';
import { SsfTransmitterApi } from '../../../credentials/SsfTransmitterApi.credentials';
import { IdpEventTrigger } from '../../../nodes/IdpEventTrigger/IdpEventTrigger.node';
import { runHookMethod, runWebhook, type WebhookRequest } from '../../harness/engine';
import { hostTrigger, type HostedTrigger } from '../../helpers/triggerHost';

export type Credentials = Record<string, ICredentialDataDecryptedObject>;

const CREDENTIAL_TYPES: ICredentialType[] = [new SsfTransmitterApi(), new OktaIdpApi()];

/** Drives the trigger with the Shared Signals provider, and any directory credential, through n8n-core. */
export function ssfBench(credentials: () => Credentials) {
	const hosts: HostedTrigger[] = [];
	return {
		async host(parameters: INodeParameters, staticData: IDataObject): Promise<HostedTrigger> {
			const hosted = await hostTrigger({ parameters, credentials, credentialTypes: CREDENTIAL_TYPES, staticData });
			hosts.push(hosted);
			return hosted;
		},
		hook: async (parameters: INodeParameters, staticData: IDataObject, url: string, method: 'checkExists' | 'create' | 'delete') =>
			await runHookMethod({
				node: new IdpEventTrigger(),
				parameters,
				credentials: credentials(),
				credentialTypes: CREDENTIAL_TYPES,
				method,
				webhookUrl: url,
				staticData,
				workflowName: 'Shared Signals to Duo',
			}),
		webhook: async (parameters: INodeParameters, staticData: IDataObject, request: WebhookRequest) =>
			await runWebhook({
				node: new IdpEventTrigger(),
				parameters,
				credentials: credentials(),
				credentialTypes: CREDENTIAL_TYPES,
				webhookName: 'default',
				request,
				staticData,
			}),
		async close() {
			await Promise.all(hosts.splice(0).map(async (hosted) => await hosted.close()));
		},
	};
}
