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

export class RsaSecurId implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'RSA SecurID',
		name: 'rsaSecurId',
		icon: { light: 'file:../../icons/rsa.svg', dark: 'file:../../icons/rsa.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: `={{ ${operationSubtitle(versionProperties)} }}`,
		description: 'Keep RSA SecurID user status and authenticators in step with your identity provider',
		defaults: { name: 'RSA SecurID' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'rsaSecurIdApi',
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
