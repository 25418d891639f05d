import type { INodeProperties } from 'n8n-workflow';

import { resetEnrollment } from '../../sync/resetEnrollment';
import { defineUserOperation } from '../common/defineOperation';
import { userLocator } from '../common/locators';
import {
	dryRunOption,
	optionsCollection,
	readOptions,
	sendEnrollmentEmailOption,
	strictOption,
} from '../common/options';

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

export const { description, execute } = defineUserOperation(
	'resetEnrollment',
	properties,
	({ ctx, directory }) =>
		async (user, itemIndex) =>
			await resetEnrollment(directory, user, {
				sendEnrollmentEmail: readOptions(ctx, itemIndex).sendEnrollmentEmail === true,
			}),
);
