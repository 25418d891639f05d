import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { DuoDirectory, GroupQuery } from '../../client/DuoDirectory';
import { deleteGroup } from '../../sync/groupLifecycle';
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
	{
		...groupLocator,
		description: 'The Duo group to delete. Its members stay, without this group.',
	},
	optionsCollection([dryRunOption, groupCacheMaxAgeOption, strictOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['delete'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	directory: DuoDirectory,
): Promise<INodeExecutionData[]> {
	return await processItems<GroupQuery>(this, items, directory, {
		prepare: (itemIndex) => ({ input: readGroupQuery(this, itemIndex) }),
		run: async (find, itemIndex) => await deleteGroup(directory, itemScope(this, itemIndex), find),
	});
}
