import {
	NodeOperationError,
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { DuoDirectory } from '../../client/DuoDirectory';
import { ensureGroup } from '../../sync/groupLifecycle';
import { processItems } from '../common/itemLoop';
import {
	dryRunOption,
	groupCacheMaxAgeOption,
	optionsCollection,
	readOptions,
} from '../common/options';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. MFA Users',
		description: 'Name of the group. If a group with this name exists, it is left as it is.',
	},
	optionsCollection([
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			default: '',
			description: 'Description of a group this operation creates',
		},
		dryRunOption,
		groupCacheMaxAgeOption,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['create'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	directory: DuoDirectory,
): Promise<INodeExecutionData[]> {
	return await processItems<{ name: string; desc?: string }>(this, items, directory, {
		prepare: (itemIndex) => {
			const name = (this.getNodeParameter('name', itemIndex, '') as string).trim();
			if (!name)
				throw new NodeOperationError(this.getNode(), 'Set the "Name" field', { itemIndex });
			const desc = readOptions(this, itemIndex).description as string | undefined;
			return { input: { name, desc: desc || undefined } };
		},
		run: async (input) => await ensureGroup(directory, input),
	});
}
