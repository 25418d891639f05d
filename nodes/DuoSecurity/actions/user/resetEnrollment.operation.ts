import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { DuoDirectory } from '../../client/DuoDirectory';
import { resetEnrollment } from '../../sync/resetEnrollment';
import { userLocator } from '../common/locators';
import {
	dryRunOption,
	optionsCollection,
	readOptions,
	sendEnrollmentEmailOption,
	strictOption,
} from '../common/options';
import { processUserItems } from '../common/userItems';

const properties: INodeProperties[] = [
	{
		displayName:
			"Removes the user's phones, hardware tokens, WebAuthn and U2F credentials and bypass codes. The user keeps its Duo ID, groups, aliases and attributes, and enrolls again at the next sign-in.",
		name: 'resetNotice',
		type: 'notice',
		default: '',
	},
	userLocator,
	optionsCollection([dryRunOption, sendEnrollmentEmailOption, strictOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['resetEnrollment'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	directory: DuoDirectory,
): Promise<INodeExecutionData[]> {
	return await processUserItems(this, items, directory, async (user, itemIndex) =>
		resetEnrollment(directory, user, {
			sendEnrollmentEmail: readOptions(this, itemIndex).sendEnrollmentEmail === true,
		}),
	);
}
