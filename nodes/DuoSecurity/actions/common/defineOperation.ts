import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { DuoDirectory } from '../../client/DuoDirectory';
import type { DuoOperation, DuoResource } from '../node.type';
import { processItems, type ItemWork } from './itemLoop';
import { processUserItems, type UserAction } from './userItems';

/** What an operation has at hand once per execution, before any item runs. */
export interface OperationSetup {
	ctx: IExecuteFunctions;
	directory: DuoDirectory;
	items: INodeExecutionData[];
}

function showOnlyFor(resource: DuoResource, operation: string, properties: INodeProperties[]) {
	return updateDisplayOptions(
		{ show: { resource: [resource], operation: [operation] } },
		properties,
	);
}

/** An operation that runs the work `setup` returns over the input items (see processItems). */
export function defineItemOperation<T>(
	show: { resource: DuoResource; operation: string },
	properties: INodeProperties[],
	setup: (context: OperationSetup) => ItemWork<T> | Promise<ItemWork<T>>,
): DuoOperation {
	return {
		description: showOnlyFor(show.resource, show.operation, properties),
		async execute(items, directory) {
			const work = await setup({ ctx: this, directory, items });
			return await processItems(this, items, directory, work);
		},
	};
}

/**
 * A user operation that runs the action `setup` returns on the Duo user each item names in its
 * "User" field (see processUserItems).
 */
export function defineUserOperation(
	operation: string,
	properties: INodeProperties[],
	setup: (context: OperationSetup) => UserAction | Promise<UserAction>,
): DuoOperation {
	return {
		description: showOnlyFor('user', operation, properties),
		async execute(items, directory) {
			const action = await setup({ ctx: this, directory, items });
			return await processUserItems(this, items, directory, action);
		},
	};
}
