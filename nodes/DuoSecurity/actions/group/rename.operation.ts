import {
	NodeOperationError,
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { DuoDirectory, GroupQuery } from '../../client/DuoDirectory';
import { renameGroup } from '../../sync/groupLifecycle';
import { processItems } from '../common/itemLoop';
import { groupLocator, readGroupQuery } from '../common/locators';
import {
	dryRunOption,
	groupCacheMaxAgeOption,
	itemScope,
	optionsCollection,
	strictOption,
} from '../common/options';

const properties: INodeProperties[] = [
	groupLocator,
	{
		displayName: 'New Name',
		name: 'newName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. MFA Users (Contractors)',
	},
	optionsCollection([dryRunOption, groupCacheMaxAgeOption, strictOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['rename'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	directory: DuoDirectory,
): Promise<INodeExecutionData[]> {
	return await processItems<{ find: GroupQuery; newName: string }>(this, items, directory, {
		prepare: (itemIndex) => {
			const newName = (this.getNodeParameter('newName', itemIndex, '') as string).trim();
			if (!newName)
				throw new NodeOperationError(this.getNode(), 'Set the "New Name" field', { itemIndex });
			return { input: { find: readGroupQuery(this, itemIndex), newName } };
		},
		run: async (input, itemIndex) =>
			await renameGroup(directory, itemScope(this, itemIndex), input),
	});
}
