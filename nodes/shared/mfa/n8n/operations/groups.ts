import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import type { GroupQuery } from '../../port';
import { runIntent } from '../../run';
import { defineItemOperation } from '../defineOperation';
import { groupLocator, readGroupQuery } from '../locators';
import { dryRunField, itemScope, optionsCollection, readOptions, strictOption } from '../options';
import type { MfaNodeProvider, MfaOperation } from '../provider';

export function createGroupOperation(provider: MfaNodeProvider): MfaOperation {
	const name = provider.capabilities.provider;
	return defineItemOperation<{ name: string; description?: string }>(
		{ resource: 'group', operation: 'create' },
		[
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. MFA Users',
				description: 'Name of the group. If a group with this name exists, it is left as it is.',
			},
			dryRunField(name),
			optionsCollection([
				{
					displayName: 'Description',
					name: 'description',
					type: 'string',
					default: '',
					description: 'Description of a group this operation creates',
				},
				...(provider.groupOptions ?? []),
			]),
		],
		({ ctx, directory }) => ({
			prepare: (itemIndex) => {
				const groupName = (ctx.getNodeParameter('name', itemIndex, '') as string).trim();
				if (!groupName) throw new NodeOperationError(ctx.getNode(), 'Set the "Name" field', { itemIndex });
				const description = readOptions(ctx, itemIndex).description as string | undefined;
				return { input: { name: groupName, description: description || undefined } };
			},
			run: async (input, itemIndex) =>
				await runIntent(directory, itemScope(ctx, itemIndex, name), {
					kind: 'group',
					op: 'ensure',
					markers: [],
					...input,
				}),
		}),
	);
}

export function renameGroupOperation(provider: MfaNodeProvider): MfaOperation {
	const name = provider.capabilities.provider;
	return defineItemOperation<{ query: GroupQuery; newName: string }>(
		{ resource: 'group', operation: 'rename', destructive: true },
		[
			groupLocator(name, provider.groupIdPlaceholder),
			{
				displayName: 'New Name',
				name: 'newName',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. MFA Users (Contractors)',
			},
			dryRunField(name),
			optionsCollection([...(provider.groupOptions ?? []), strictOption(name)]),
		],
		({ ctx, directory }) => ({
			prepare: (itemIndex) => {
				const newName = (ctx.getNodeParameter('newName', itemIndex, '') as string).trim();
				if (!newName) throw new NodeOperationError(ctx.getNode(), 'Set the "New Name" field', { itemIndex });
				return { input: { query: readGroupQuery(ctx, itemIndex), newName } };
			},
			run: async ({ query, newName }, itemIndex) =>
				await runIntent(directory, itemScope(ctx, itemIndex, name), {
					kind: 'group',
					op: 'rename',
					markers: [],
					query,
					name: newName,
					previousName: query.name,
				}),
		}),
	);
}

export function deleteGroupOperation(provider: MfaNodeProvider): MfaOperation {
	const name = provider.capabilities.provider;
	return defineItemOperation<GroupQuery>(
		{ resource: 'group', operation: 'delete', destructive: true },
		[
			{
				...groupLocator(name, provider.groupIdPlaceholder),
				description: `The ${name} group to delete. Its members stay, without this group.`,
			},
			dryRunField(name),
			optionsCollection([...(provider.groupOptions ?? []), strictOption(name)]),
		],
		({ ctx, directory }) => ({
			prepare: (itemIndex) => ({ input: readGroupQuery(ctx, itemIndex) }),
			run: async (query, itemIndex) =>
				await runIntent(directory, itemScope(ctx, itemIndex, name), {
					kind: 'group',
					op: 'delete',
					markers: [],
					query,
					name: query.name ?? query.id,
				}),
		}),
	);
}

export function getManyGroupsOperation(provider: MfaNodeProvider): MfaOperation {
	return defineItemOperation<number | undefined>(
		{ resource: 'group', operation: 'getAll' },
		[
			{
				displayName: 'Return All',
				name: 'returnAll',
				type: 'boolean',
				default: false,
				description: 'Whether to return all results or only up to a given limit',
			},
			{
				displayName: 'Limit',
				name: 'limit',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 50,
				description: 'Max number of results to return',
				displayOptions: { show: { returnAll: [false] } },
			},
			optionsCollection(provider.groupOptions ?? []),
		],
		({ ctx, directory }) => ({
			prepare: (itemIndex) => ({
				input: ctx.getNodeParameter('returnAll', itemIndex, false)
					? undefined
					: (ctx.getNodeParameter('limit', itemIndex, 50) as number),
			}),
			run: async (limit) => (await directory.listGroups(limit)).map((group) => ({ ...group }) as IDataObject),
		}),
	);
}
