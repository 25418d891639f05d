import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { router } from './actions/router';
import { versionProperties } from './actions/versionDescription';
import { listSearch } from './methods';
import { DUO_CREDENTIAL } from './transport/request';

export class DuoSecurity implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Duo Security',
		name: 'duoSecurity',
		icon: { light: 'file:../../icons/duo.svg', dark: 'file:../../icons/duo.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Keep Duo Security users, groups and MFA enrollments in step with your identity provider',
		defaults: { name: 'Duo Security' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: DUO_CREDENTIAL, required: true }],
		properties: versionProperties,
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
