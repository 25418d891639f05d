import { operationMap, resourceDescription, type OperationEntry } from '../../../shared/mfa/n8n/resource';
import * as apply from './apply.operation';
import * as previewMapping from './previewMapping.operation';

const entries: OperationEntry[] = [
	{
		name: 'Apply',
		value: 'apply',
		description: 'Do in PingOne what an identity event from the IdP Event Trigger means',
		action: 'Apply an identity event',
		operation: apply,
	},
	{
		name: 'Preview Mapping',
		value: 'previewMapping',
		description:
			'Render a mapping profile against an identity event: username, PingOne fields, groups and rule verdict, without calling PingOne',
		action: 'Preview the mapping of an identity event',
		operation: previewMapping,
	},
];

export const operations = operationMap(entries);

export const description = resourceDescription('identityEvent', 'apply', entries);
