import type { INodeProperties } from 'n8n-workflow';

import { enableUser } from '../../sync/userStatus';
import { defineUserOperation } from '../common/defineOperation';
import { userLocator } from '../common/locators';
import { dryRunOption, optionsCollection, strictOption } from '../common/options';

const properties: INodeProperties[] = [
	{
		...userLocator,
		description:
			"Sets a disabled user's status back to active. Users in bypass or locked out keep their status.",
	},
	optionsCollection([dryRunOption, strictOption]),
];

export const { description, execute } = defineUserOperation(
	'enable',
	properties,
	({ directory }) =>
		async (user) =>
			await enableUser(directory, user),
);
