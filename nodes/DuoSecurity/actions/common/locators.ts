import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeParameterResourceLocator,
	type INodeProperties,
} from 'n8n-workflow';

import type { GroupQuery, UserRef } from '../../client/DuoDirectory';

export const userLocator: INodeProperties = {
	displayName: 'User',
	name: 'user',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Duo user',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchUsers', searchable: true },
		},
		{
			displayName: 'By Username',
			name: 'username',
			type: 'string',
			placeholder: 'e.g. jane.doe@example.com',
			hint: 'A username or alias',
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. DU3RP9I2WOC59VZX672N',
		},
	],
};

export const groupLocator: INodeProperties = {
	displayName: 'Group',
	name: 'group',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Duo group',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchGroups', searchable: true },
		},
		{
			displayName: 'By Name',
			name: 'name',
			type: 'string',
			placeholder: 'e.g. MFA Users',
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. DGXXXXXXXXXXXXXXXXXX',
		},
	],
};

function locatorValue(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
): INodeParameterResourceLocator {
	const locator = ctx.getNodeParameter(name, itemIndex) as INodeParameterResourceLocator;
	const value = String(locator?.value ?? '').trim();
	if (!value) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Choose a ${name} in the "${name === 'user' ? 'User' : 'Group'}" field`,
			{
				itemIndex,
			},
		);
	}
	return { ...locator, value };
}

/** The user an item names: a Duo id (From List, By ID) or a username/alias. */
export function readUserRef(ctx: IExecuteFunctions, itemIndex: number): UserRef {
	const locator = locatorValue(ctx, 'user', itemIndex);
	const value = String(locator.value);
	return locator.mode === 'username' ? { username: value } : { id: value };
}

export function userLookupOf(ref: UserRef): { keys: string[]; ids: string[] } {
	return {
		keys: [ref.alias, ref.username].filter((key): key is string => !!key),
		ids: ref.id ? [ref.id] : [],
	};
}

export function describeUserRef(ref: UserRef): string {
	return ref.username ?? ref.id ?? ref.alias ?? '';
}

export function readGroupQuery(ctx: IExecuteFunctions, itemIndex: number): GroupQuery {
	const locator = locatorValue(ctx, 'group', itemIndex);
	const value = String(locator.value);
	return locator.mode === 'name' ? { name: value } : { id: value };
}
