import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { DuoDirectory } from '../../client/DuoDirectory';
import { groupAllowlist, parseNameList } from '../../sync/allowlist';
import { syncUserGroups, type GroupSyncMode } from '../../sync/membership';
import { userLocator } from '../common/locators';
import {
	createMissingGroupsOption,
	groupAllowlistOption,
	optionsCollection,
	readOptions,
	strictOption,
} from '../common/options';
import { processUserItems } from '../common/userItems';

const properties: INodeProperties[] = [
	userLocator,
	{
		displayName: 'Groups',
		name: 'groups',
		type: 'string',
		default: '',
		placeholder: 'e.g. MFA Users, VPN Users',
		description: 'Comma-separated Duo group names, or an expression that returns a list of names',
	},
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		default: 'set',
		options: [
			{ name: 'Add Only', value: 'add', description: 'Add the user to the listed groups' },
			{
				name: 'Remove Only',
				value: 'remove',
				description: 'Remove the user from the listed groups',
			},
			{
				name: 'Set Exactly',
				value: 'set',
				description:
					'Make the listed groups the only ones the user is in, among the groups the allowlist admits',
			},
		],
	},
	optionsCollection([createMissingGroupsOption, groupAllowlistOption, strictOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['syncGroups'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	directory: DuoDirectory,
): Promise<INodeExecutionData[]> {
	return await processUserItems(this, items, directory, async (user, itemIndex) => {
		const options = readOptions(this, itemIndex);
		return await syncUserGroups(directory, user, {
			names: parseNameList(this.getNodeParameter('groups', itemIndex, '')),
			mode: this.getNodeParameter('mode', itemIndex, 'set') as GroupSyncMode,
			createMissing: options.createMissingGroups === true,
			allowed: groupAllowlist(parseNameList(options.groupAllowlist ?? '')),
		});
	});
}
