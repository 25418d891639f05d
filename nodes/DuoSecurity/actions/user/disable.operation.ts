import type { INodeProperties } from 'n8n-workflow';

import { disableUser } from '../../sync/userStatus';
import { defineUserOperation } from '../common/defineOperation';
import { userLocator } from '../common/locators';
import { dryRunOption, optionsCollection, strictOption } from '../common/options';

const properties: INodeProperties[] = [
	{
		...userLocator,
		description:
			"Sets the user's status to disabled, so the user cannot sign in. A disabled user is left as it is.",
	},
	optionsCollection([dryRunOption, strictOption]),
];

export const { description, execute } = defineUserOperation(
	'disable',
	properties,
	({ directory }) =>
		async (user) =>
			await disableUser(directory, user),
);
