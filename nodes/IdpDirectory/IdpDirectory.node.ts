import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { router } from './actions/router';
import { versionProperties } from './actions/versionDescription';

export class IdpDirectory implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'IdP Directory',
		name: 'idpDirectory',
		icon: { light: 'file:idpDirectory.svg', dark: 'file:idpDirectory.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["provider"] + ": " + $parameter["resource"] + "s"}}',
		description:
			"Reads an identity provider's whole directory (users with their groups, or groups) for reconciling MFA providers against it",
		defaults: { name: 'IdP Directory' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'oktaIdpApi', required: true, displayOptions: { show: { provider: ['okta'] } } },
			{ name: 'auth0IdpApi', required: true, displayOptions: { show: { provider: ['auth0'] } } },
			{ name: 'entraIdpApi', required: true, displayOptions: { show: { provider: ['entra'] } } },
		],
		properties: versionProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
