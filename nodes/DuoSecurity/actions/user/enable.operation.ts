import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { DuoDirectory } from '../../client/DuoDirectory';
import { enableUser } from '../../sync/userStatus';
import { userLocator } from '../common/locators';
import { dryRunOption, optionsCollection, strictOption } from '../common/options';
import { processUserItems } from '../common/userItems';

const properties: INodeProperties[] = [
	{
		...userLocator,
		description:
			"Sets a disabled user's status back to active. Users in bypass or locked out keep their status.",
	},
	optionsCollection([dryRunOption, strictOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['enable'] } },
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
		async (user) => await enableUser(directory, user),
	);
}
