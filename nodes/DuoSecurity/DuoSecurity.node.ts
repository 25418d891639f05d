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

export class DuoSecurity implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Duo Security',
		name: 'duoSecurity',
		icon: { light: 'file:../../icons/duo.svg', dark: 'file:../../icons/duo.dark.svg' },
		group: ['transform'],
		version: 1,
		// "Create or update user", "Reset enrollment of user"
		subtitle: `={{ ${operationSubtitle(versionProperties)} }}`,
		description:
			'Keep Duo Security users, groups and MFA enrollments in step with your identity provider',
		defaults: { name: 'Duo Security' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'duoAdminApi',
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
