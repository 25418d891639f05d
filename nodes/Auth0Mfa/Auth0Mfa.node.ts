import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { operationSubtitle } from '../shared/n8n/subtitle';
import { router } from './actions/router';
import { versionProperties } from './actions/versionDescription';
import { credentialTest, listSearch } from './methods';

export class Auth0Mfa implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Auth0 MFA',
		name: 'auth0Mfa',
		icon: { light: 'file:../../icons/auth0.svg', dark: 'file:../../icons/auth0.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: `={{ ${operationSubtitle(versionProperties)} }}`,
		description:
			'Keep Auth0 users, roles and MFA authenticators in step with another identity provider, when Auth0 holds MFA',
		defaults: { name: 'Auth0 MFA' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'auth0MfaApi',
				required: true,
				displayOptions: { hide: { operation: ['previewMapping'] } },
			},
			{
				name: 'idpSyncProfileApi',
				required: true,
				testedBy: 'syncProfileTest',
				displayOptions: { show: { mapping: ['credential'] } },
			},
		],
		properties: versionProperties,
	};

	methods = { credentialTest, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
