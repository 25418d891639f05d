import { NodeOperationError, type INodeProperties } from 'n8n-workflow';

import type { GroupQuery } from '../../client/DuoDirectory';
import { renameGroup } from '../../sync/groupLifecycle';
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

export const { description, execute } = defineItemOperation<{ find: GroupQuery; newName: string }>(
	{ resource: 'group', operation: 'rename' },
	properties,
	({ ctx, directory }) => ({
		prepare: (itemIndex) => {
			const newName = (ctx.getNodeParameter('newName', itemIndex, '') as string).trim();
			if (!newName)
				throw new NodeOperationError(ctx.getNode(), 'Set the "New Name" field', { itemIndex });
			return { input: { find: readGroupQuery(ctx, itemIndex), newName } };
		},
		run: async (input, itemIndex) => await renameGroup(directory, itemScope(ctx, itemIndex), input),
	}),
);
