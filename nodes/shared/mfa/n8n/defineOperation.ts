import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { MfaDirectory, MfaUser, UserNeeds } from '../port';
import { targetNotFound } from '../results';
import type { Outcome } from '../run';
import { processItems, type ItemWork } from './itemLoop';
import { describeUserRef, readUserRef, userLookupOf } from './locators';
import { itemScope } from './options';
import type { MfaNodeProvider, MfaOperation } from './provider';

/** What an operation has at hand once per execution, before any item runs. */
export interface OperationSetup {
	ctx: IExecuteFunctions;
	directory: MfaDirectory;
	items: INodeExecutionData[];
}

export interface OperationShape {
	resource: string;
	operation: string;
	/** Removes access or data: hidden from AI agents, and refused if one calls it anyway. */
	destructive?: boolean;
}

function showOnlyFor(shape: OperationShape, properties: INodeProperties[]): INodeProperties[] {
	return updateDisplayOptions({ show: { resource: [shape.resource], operation: [shape.operation] } }, properties);
}

/** A node used as an AI agent's tool has a type name ending in "Tool". */
export function refuseAsTool(ctx: IExecuteFunctions, shape: OperationShape): void {
	if (shape.destructive && ctx.getNode().type.endsWith('Tool')) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The ${shape.operation} operation is not available to AI agents`,
			{ description: 'It can remove access or data. Run it from a workflow node instead.' },
		);
	}
}

/** An operation that runs the work `setup` returns over the input items (see processItems). */
export function defineItemOperation<T>(
	shape: OperationShape,
	properties: INodeProperties[],
	setup: (context: OperationSetup) => ItemWork<T> | Promise<ItemWork<T>>,
): MfaOperation {
	return {
		description: showOnlyFor(shape, properties),
		destructive: shape.destructive === true,
		async execute(items, directory) {
			refuseAsTool(this, shape);
			const work = await setup({ ctx: this, directory, items });
			return await processItems(this, items, directory, work);
		},
	};
}

export type UserAction = (user: MfaUser, itemIndex: number) => Promise<Outcome | IDataObject | IDataObject[]>;

/**
 * A user operation that runs the action `setup` returns on the user each item names in its "User"
 * field, read with what `needs` asks. A user that does not exist is output as skipped, or fails the
 * item in strict mode.
 */
export function defineUserOperation(
	provider: MfaNodeProvider,
	shape: Omit<OperationShape, 'resource'> & { needs?: UserNeeds },
	properties: INodeProperties[],
	setup: (context: OperationSetup) => UserAction | Promise<UserAction>,
): MfaOperation {
	const { needs, ...operation } = shape;
	return defineItemOperation({ ...operation, resource: 'user' }, properties, async (context) => {
		const action = await setup(context);
		const name = provider.capabilities.provider;
		return {
			prepare: (itemIndex) => {
				const ref = readUserRef(context.ctx, itemIndex, provider.usersById !== false);
				return { input: ref, lookup: userLookupOf(ref) };
			},
			run: async (ref, itemIndex) => {
				const user = await context.directory.findUser(ref, needs);
				if (!user) return targetNotFound(itemScope(context.ctx, itemIndex, name), 'user', describeUserRef(ref));
				return await action(user, itemIndex);
			},
		};
	});
}
