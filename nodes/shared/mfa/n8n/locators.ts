import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeParameterResourceLocator,
	type INodeProperties,
} from 'n8n-workflow';

import type { GroupQuery, UserRef } from '../port';
import type { UserLookup } from './itemLoop';

/**
 * The "User" field: from a searchable list, by username or alias, or by the provider's user id.
 * A provider that cannot read users by id (`byId` false) lists users by username instead.
 */
export function userLocator(provider: string, idPlaceholder: string, byId = true): INodeProperties {
	const idMode = { displayName: 'By ID', name: 'id', type: 'string' as const, placeholder: `e.g. ${idPlaceholder}` };
	return {
		displayName: 'User',
		name: 'user',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: `The ${provider} user`,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchUsers', searchable: true },
			},
			{
				// n8n's mode selector is 92 px wide: "By Username" showed as "By Userr".
				displayName: 'By Name',
				name: 'username',
				type: 'string',
				placeholder: 'e.g. jane.doe@example.com',
				hint: 'A username or alias',
			},
			...(byId ? [idMode] : []),
		],
	};
}

/** The "Group" field: from a searchable list, by name, or by the provider's group id. */
export function groupLocator(provider: string, idPlaceholder: string): INodeProperties {
	return {
		displayName: 'Group',
		name: 'group',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: `The ${provider} group`,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchGroups', searchable: true },
			},
			{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'e.g. MFA Users' },
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: `e.g. ${idPlaceholder}` },
		],
	};
}

function locatorValue(ctx: IExecuteFunctions, name: 'user' | 'group', itemIndex: number): INodeParameterResourceLocator {
	const locator = ctx.getNodeParameter(name, itemIndex) as INodeParameterResourceLocator;
	const value = String(locator?.value ?? '').trim();
	if (!value) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Choose a ${name} in the "${name === 'user' ? 'User' : 'Group'}" field`,
			{ itemIndex },
		);
	}
	return { ...locator, value };
}

/**
 * The user an item names: a provider id (From List, By ID) or a username/alias. Without `byId`,
 * every mode names a username.
 */
export function readUserRef(ctx: IExecuteFunctions, itemIndex: number, byId = true): UserRef {
	const locator = locatorValue(ctx, 'user', itemIndex);
	const value = String(locator.value);
	return locator.mode === 'username' || !byId ? { username: value } : { id: value };
}

export function userLookupOf(ref: UserRef): UserLookup {
	return {
		keys: [...(ref.anchors ?? []), ref.username].filter((key): key is string => !!key),
		ids: ref.id ? [ref.id] : [],
	};
}

export function describeUserRef(ref: UserRef): string {
	return ref.username ?? ref.id ?? ref.anchors?.[0] ?? '';
}

export function readGroupQuery(ctx: IExecuteFunctions, itemIndex: number): GroupQuery {
	const locator = locatorValue(ctx, 'group', itemIndex);
	const value = String(locator.value);
	return locator.mode === 'name' ? { name: value } : { id: value };
}
