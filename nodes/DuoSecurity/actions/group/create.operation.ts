import { NodeOperationError, type INodeProperties } from 'n8n-workflow';

import { ensureGroup } from '../../sync/groupLifecycle';
import { defineItemOperation } from '../common/defineOperation';
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

export const { description, execute } = defineItemOperation<{ name: string; desc?: string }>(
	{ resource: 'group', operation: 'create' },
	properties,
	({ ctx, directory }) => ({
		prepare: (itemIndex) => {
			const name = (ctx.getNodeParameter('name', itemIndex, '') as string).trim();
			if (!name) throw new NodeOperationError(ctx.getNode(), 'Set the "Name" field', { itemIndex });
			const desc = readOptions(ctx, itemIndex).description as string | undefined;
			return { input: { name, desc: desc || undefined } };
		},
		run: async (input) => await ensureGroup(directory, input),
	}),
);
