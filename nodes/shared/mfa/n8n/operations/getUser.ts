import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import type { MfaDirectory, MfaUser, UserRef } from '../../port';
import { defineItemOperation } from '../defineOperation';
import { describeUserRef, readUserRef, userLocator, userLookupOf } from '../locators';
import { optionsCollection } from '../options';
import type { MfaNodeProvider, MfaOperation } from '../provider';

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

/**
 * Get User. Simplified, the output is the provider-neutral view; otherwise `raw` reads the
 * provider's own object for the user.
 */
export function getUserOperation(
	provider: MfaNodeProvider,
	raw: (directory: MfaDirectory, user: MfaUser) => Promise<IDataObject>,
): MfaOperation {
	const name = provider.capabilities.provider;
	return defineItemOperation<UserRef>(
		{ resource: 'user', operation: 'get' },
		[
			userLocator(name, provider.userIdPlaceholder),
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description: 'Whether to return a simplified version of the response instead of the raw data',
			},
			optionsCollection([]),
		],
		({ ctx, directory }) => ({
			prepare: (itemIndex) => {
				const ref = readUserRef(ctx, itemIndex);
				return { input: ref, lookup: userLookupOf(ref) };
			},
			run: async (ref, itemIndex) => {
				const user = await directory.findUser(ref);
				if (!user) {
					throw new NodeOperationError(ctx.getNode(), `No ${name} user matches ${describeUserRef(ref)}`, {
						itemIndex,
						description: `Check the "User" field: a username is matched without regard to case, an ID exactly`,
					});
				}
				return ctx.getNodeParameter('simplify', itemIndex, true) ? simplifiedUser(user) : await raw(directory, user);
			},
		}),
	);
}
