import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { DuoDirectory } from '../../client/DuoDirectory';
import { processItems } from '../common/itemLoop';
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

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['getAll'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	directory: DuoDirectory,
): Promise<INodeExecutionData[]> {
	return await processItems<number | undefined>(this, items, directory, {
		prepare: (itemIndex) => ({
			input: this.getNodeParameter('returnAll', itemIndex, false)
				? undefined
				: (this.getNodeParameter('limit', itemIndex, 50) as number),
		}),
		run: async (limit) =>
			(await directory.listGroups(limit)).map((group) => ({ ...group }) as IDataObject),
	});
}
