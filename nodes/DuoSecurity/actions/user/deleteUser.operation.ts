import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { DuoDirectory } from '../../client/DuoDirectory';
import { deleteUser } from '../../sync/userStatus';
import { userLocator } from '../common/locators';
import { dryRunOption, optionsCollection, strictOption } from '../common/options';
import { processUserItems } from '../common/userItems';

const properties: INodeProperties[] = [
	{
		...userLocator,
		description: 'The Duo user to delete. Duo keeps deleted users in its Trash for a while.',
	},
	optionsCollection([dryRunOption, strictOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['delete'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	directory: DuoDirectory,
): Promise<INodeExecutionData[]> {
	return await processUserItems(
		this,
		items,
		directory,
		async (user) => await deleteUser(directory, user),
	);
}
