import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { DuoDirectory, UserRef } from '../../client/DuoDirectory';
import type { DuoUser } from '../../client/duoObjects';
import { targetNotFound } from '../../sync/actionResult';
import { processItems } from './itemLoop';
import { describeUserRef, readUserRef, userLookupOf } from './locators';
import { itemScope } from './options';

export type UserAction = (user: DuoUser, itemIndex: number) => Promise<IDataObject | IDataObject[]>;

/**
 * Runs `action` on the Duo user each item names in its "User" field. A user that does not exist
 * is output as skipped, or fails the item in strict mode.
 */
export async function processUserItems(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	directory: DuoDirectory,
	action: UserAction,
): Promise<INodeExecutionData[]> {
	return await processItems<UserRef>(ctx, items, directory, {
		prepare: (itemIndex) => {
			const ref = readUserRef(ctx, itemIndex);
			return { input: ref, lookup: userLookupOf(ref) };
		},
		run: async (ref, itemIndex) => {
			const user = await directory.findUser(ref);
			if (!user) return targetNotFound(itemScope(ctx, itemIndex), 'user', describeUserRef(ref));
			return await action(user, itemIndex);
		},
	});
}
