import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { DuoDirectory } from '../../client/DuoDirectory';
import { disableUser } from '../../sync/userStatus';
import { userLocator } from '../common/locators';
import { dryRunOption, optionsCollection, strictOption } from '../common/options';
import { processUserItems } from '../common/userItems';

const properties: INodeProperties[] = [
	{
		...userLocator,
		description:
			"Sets the user's status to disabled, so the user cannot sign in. A disabled user is left as it is.",
	},
	optionsCollection([dryRunOption, strictOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['disable'] } },
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
		async (user) => await disableUser(directory, user),
	);
}
