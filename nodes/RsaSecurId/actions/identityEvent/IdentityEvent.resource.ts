import { operationMap, resourceDescription, type OperationEntry } from '../../../shared/mfa/n8n/resource';
import * as apply from './apply.operation';
import * as previewMapping from './previewMapping.operation';

const entries: OperationEntry[] = [
	{
		name: 'Apply',
		value: 'apply',
		description: 'Do in RSA SecurID what an identity event from the IdP Event Trigger means',
		action: 'Apply an identity event',
		operation: apply,
	},
	{
		name: 'Preview Mapping',
		value: 'previewMapping',
		description:
			'Render a mapping profile against an identity event: username and rule verdict, without calling RSA SecurID',
		action: 'Preview the mapping of an identity event',
		operation: previewMapping,
	},
];

export const operations = operationMap(entries);

export const description = resourceDescription('identityEvent', 'apply', entries);
