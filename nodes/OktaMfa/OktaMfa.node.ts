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

export class OktaMfa implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Okta MFA',
		name: 'oktaMfa',
		icon: { light: 'file:../../icons/okta.svg', dark: 'file:../../icons/okta.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: `={{ ${operationSubtitle(versionProperties)} }}`,
		description:
			'Keep Okta users, groups and MFA factors in step with another identity provider, when Okta holds MFA',
		defaults: { name: 'Okta MFA' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'oktaMfaApi',
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
