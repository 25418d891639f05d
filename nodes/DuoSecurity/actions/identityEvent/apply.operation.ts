import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { IdentityEvent } from '../../../shared/model';
import type { DuoDirectory } from '../../client/DuoDirectory';
import { groupAllowlist, parseNameList } from '../../sync/allowlist';
import { applyIdentityEvent, eventLookupKeys, type ApplyOptions } from '../../sync/applyEvent';
import type { ResetTrigger } from '../../sync/factors';
import { readIdentityEvent } from '../common/eventInput';
import { processItems } from '../common/itemLoop';
import {
	aliasSlotOption,
	createMissingGroupsOption,
	groupAllowlistOption,
	itemScope,
	optionsCollection,
	readIdentityMapping,
	readOptions,
	sendEnrollmentEmailOption,
	strictOption,
	usernameSourceFields,
} from '../common/options';

const properties: INodeProperties[] = [
	{
		displayName:
			"Each input item must be a normalized identity event, as the IdP Event Trigger outputs. Users are created or updated, disabled, enabled or deleted, group memberships and groups follow the IdP, and an MFA reset removes the user's Duo devices. Replaying an event changes nothing.",
		name: 'applyNotice',
		type: 'notice',
		default: '',
	},
	...usernameSourceFields,
	optionsCollection([
		aliasSlotOption,
		{ ...createMissingGroupsOption, default: true },
		groupAllowlistOption,
		{
			displayName: 'On User Deleted',
			name: 'onUserDeleted',
			type: 'options',
			default: 'delete',
			description: 'What a user deleted in the IdP becomes in Duo',
			options: [
				{ name: 'Delete the Duo User', value: 'delete' },
				{ name: 'Disable the Duo User', value: 'disable' },
			],
		},
		{
			displayName: 'Reset On',
			name: 'resetOn',
			type: 'options',
			default: 'anyReset',
			description: "Which IdP MFA resets remove the user's Duo devices",
			options: [
				{ name: 'Any MFA Reset', value: 'anyReset' },
				{
					name: 'Duo Factor Reset',
					value: 'duoFactorReset',
					description:
						'Only a reset of all factors, or of a factor whose provider, type or name is Duo',
				},
			],
		},
		sendEnrollmentEmailOption,
		strictOption,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['identityEvent'], operation: ['apply'] } },
	properties,
);

function readApplyOptions(ctx: IExecuteFunctions, itemIndex: number): ApplyOptions {
	const options = readOptions(ctx, itemIndex);
	return {
		mapping: readIdentityMapping(ctx, itemIndex),
		createMissingGroups: options.createMissingGroups !== false,
		onUserDeleted: options.onUserDeleted === 'disable' ? 'disable' : 'delete',
		resetTrigger: (options.resetOn ?? 'anyReset') as ResetTrigger,
		sendEnrollmentEmail: options.sendEnrollmentEmail === true,
		allowed: groupAllowlist(parseNameList(options.groupAllowlist ?? '')),
	};
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	directory: DuoDirectory,
): Promise<INodeExecutionData[]> {
	return await processItems<{ event: IdentityEvent; options: ApplyOptions }>(
		this,
		items,
		directory,
		{
			prepare: (itemIndex) => {
				const event = readIdentityEvent(this, items, itemIndex);
				const options = readApplyOptions(this, itemIndex);
				return {
					input: { event, options },
					lookup: { keys: eventLookupKeys(event, options.mapping) },
				};
			},
			run: async ({ event, options }, itemIndex) =>
				await applyIdentityEvent(directory, itemScope(this, itemIndex), event, options),
		},
	);
}
