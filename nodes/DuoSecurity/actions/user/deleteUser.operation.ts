import type { INodeProperties } from 'n8n-workflow';

import { deleteUser } from '../../sync/userStatus';
import { defineUserOperation } from '../common/defineOperation';
import { userLocator } from '../common/locators';
import { dryRunOption, optionsCollection, strictOption } from '../common/options';

const properties: INodeProperties[] = [
	{
		...userLocator,
		description: 'The Duo user to delete. Duo keeps deleted users in its Trash for a while.',
	},
	optionsCollection([dryRunOption, strictOption]),
];

export const { description, execute } = defineUserOperation(
	'delete',
	properties,
	({ directory }) =>
		async (user) =>
			await deleteUser(directory, user),
);
