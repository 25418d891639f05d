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

export class EntraMfa implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Microsoft Entra ID MFA',
		name: 'entraMfa',
		icon: { light: 'file:../../icons/entra.svg', dark: 'file:../../icons/entra.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: `={{ ${operationSubtitle(versionProperties)} }}`,
		description:
			'Keep Entra ID users, groups and authentication methods in step with another identity provider, when Entra ID holds MFA',
		defaults: { name: 'Microsoft Entra ID MFA' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'entraMfaApi',
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
