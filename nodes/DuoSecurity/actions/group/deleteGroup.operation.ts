import type { INodeProperties } from 'n8n-workflow';

import type { GroupQuery } from '../../client/DuoDirectory';
import { deleteGroup } from '../../sync/groupLifecycle';
import { defineItemOperation } from '../common/defineOperation';
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

export const { description, execute } = defineItemOperation<GroupQuery>(
	{ resource: 'group', operation: 'delete' },
	properties,
	({ ctx, directory }) => ({
		prepare: (itemIndex) => ({ input: readGroupQuery(ctx, itemIndex) }),
		run: async (find, itemIndex) => await deleteGroup(directory, itemScope(ctx, itemIndex), find),
	}),
);
