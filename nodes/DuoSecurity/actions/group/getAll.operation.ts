import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { defineItemOperation } from '../common/defineOperation';
import { optionsCollection } from '../common/options';

const properties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	optionsCollection([]),
];

export const { description, execute } = defineItemOperation<number | undefined>(
	{ resource: 'group', operation: 'getAll' },
	properties,
	({ ctx, directory }) => ({
		prepare: (itemIndex) => ({
			input: ctx.getNodeParameter('returnAll', itemIndex, false)
				? undefined
				: (ctx.getNodeParameter('limit', itemIndex, 50) as number),
		}),
		run: async (limit) =>
			(await directory.listGroups(limit)).map((group) => ({ ...group }) as IDataObject),
	}),
);
