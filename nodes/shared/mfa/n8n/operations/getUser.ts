import { NodeOperationError, type IDataObject, type INodeProperties } from 'n8n-workflow';

import type { MfaDirectory, MfaUser, UserRef } from '../../port';
import { defineItemOperation } from '../defineOperation';
import { describeUserRef, readUserRef, userLocator, userLookupOf } from '../locators';
import { optionsCollection } from '../options';
import type { MfaNodeProvider, MfaOperation } from '../provider';

/** How a provider shows a user it found: simplified, or as its API returned it. */
export type UserView = (directory: MfaDirectory, user: MfaUser, simplify: boolean) => Promise<IDataObject>;

/** Get: one user by the "User" field, with its groups; a user that does not exist fails the item. */
export function getUserOperation(provider: MfaNodeProvider, view: UserView): MfaOperation {
	const name = provider.capabilities.provider;
	const byId = provider.usersById !== false;
	const properties: INodeProperties[] = [
		userLocator(name, provider.userIdPlaceholder, byId),
		{
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: true,
			description: 'Whether to return a simplified version of the response instead of the raw data',
		},
		optionsCollection([]),
	];
	return defineItemOperation<UserRef>({ resource: 'user', operation: 'get' }, properties, ({ ctx, directory }) => ({
		prepare: (itemIndex) => {
			const ref = readUserRef(ctx, itemIndex, byId);
			return { input: ref, lookup: userLookupOf(ref) };
		},
		run: async (ref, itemIndex) => {
			const user = await directory.findUser(ref, { groups: provider.capabilities.groups });
			if (!user) {
				throw new NodeOperationError(ctx.getNode(), `No ${name} user matches ${describeUserRef(ref)}`, {
					itemIndex,
					description: `Check the "User" field: ${byId ? 'usernames and aliases' : 'usernames'} are matched without regard to case`,
				});
			}
			return await view(directory, user, ctx.getNodeParameter('simplify', itemIndex, true) as boolean);
		},
	}));
}

/** The user as the sync core sees it: the same shape on every provider. */
export function simplifiedUser(user: MfaUser): IDataObject {
	return {
		id: user.id,
		username: user.username,
		status: user.status,
		statusLabel: user.statusLabel,
		...(user.email ? { email: user.email } : {}),
		fields: { ...user.fields },
		groups: user.groups.map((group) => group.name),
		...(user.watermark ? { syncedAsOf: user.watermark } : {}),
	};
}

/** A view that shows the neutral user simplified, and otherwise what `raw` reads from the provider. */
export function neutralOrRaw(raw: (directory: MfaDirectory, user: MfaUser) => Promise<IDataObject>): UserView {
	return async (directory, user, simplify) => (simplify ? simplifiedUser(user) : await raw(directory, user));
}
