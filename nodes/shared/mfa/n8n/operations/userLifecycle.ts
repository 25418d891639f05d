import type { INodeProperties } from 'n8n-workflow';

import { foundUserIntent } from '../../intents';
import { runIntent } from '../../run';
import { defineUserOperation } from '../defineOperation';
import { userLocator } from '../locators';
import { dryRunField, itemScope, optionsCollection, readOptions, sendEnrollmentEmailOption, strictOption } from '../options';
import type { MfaNodeProvider, MfaOperation } from '../provider';

function userField(provider: MfaNodeProvider, description: string): INodeProperties {
	const name = provider.capabilities.provider;
	return { ...userLocator(name, provider.userIdPlaceholder, provider.usersById !== false), description };
}

export function disableOperation(provider: MfaNodeProvider): MfaOperation {
	const name = provider.capabilities.provider;
	return defineUserOperation(
		provider,
		{ operation: 'disable', destructive: true },
		[
			userField(provider, "Sets the user's status to disabled, so the user cannot sign in. A disabled user is left as it is."),
			dryRunField(name),
			optionsCollection([strictOption(name)]),
		],
		({ ctx, directory }) =>
			async (user, itemIndex) =>
				await runIntent(directory, itemScope(ctx, itemIndex, name), foundUserIntent(user, { status: 'disabled' })),
	);
}

export function enableOperation(provider: MfaNodeProvider): MfaOperation {
	const name = provider.capabilities.provider;
	return defineUserOperation(
		provider,
		{ operation: 'enable' },
		[
			userField(provider, "Sets a disabled user's status back to active. Users in bypass or locked out keep their status."),
			dryRunField(name),
			optionsCollection([strictOption(name)]),
		],
		({ ctx, directory }) =>
			async (user, itemIndex) =>
				await runIntent(directory, itemScope(ctx, itemIndex, name), foundUserIntent(user, { status: 'active' })),
	);
}

export function deleteUserOperation(provider: MfaNodeProvider, note: string): MfaOperation {
	const name = provider.capabilities.provider;
	return defineUserOperation(
		provider,
		{ operation: 'delete', destructive: true },
		[userField(provider, `The ${name} user to delete. ${note}`), dryRunField(name), optionsCollection([strictOption(name)])],
		({ ctx, directory }) =>
			async (user, itemIndex) =>
				await runIntent(directory, itemScope(ctx, itemIndex, name), foundUserIntent(user, { remove: 'delete' })),
	);
}

export function resetEnrollmentOperation(provider: MfaNodeProvider, removes: string): MfaOperation {
	const name = provider.capabilities.provider;
	return defineUserOperation(
		provider,
		{ operation: 'resetEnrollment', destructive: true },
		[
			{
				displayName: `Removes the user's ${removes}. The user keeps its ${name} ID, groups and profile, and enrolls again at the next sign-in.`,
				name: 'resetNotice',
				type: 'notice',
				default: '',
			},
			userLocator(name, provider.userIdPlaceholder, provider.usersById !== false),
			dryRunField(name),
			optionsCollection([
				...(provider.capabilities.enrollmentEmail ? [sendEnrollmentEmailOption(name)] : []),
				strictOption(name),
			]),
		],
		({ ctx, directory }) =>
			async (user, itemIndex) =>
				await runIntent(directory, itemScope(ctx, itemIndex, name), {
					kind: 'reset',
					user: foundUserIntent(user, {}),
					sendEnrollmentEmail: readOptions(ctx, itemIndex).sendEnrollmentEmail === true,
				}),
	);
}
