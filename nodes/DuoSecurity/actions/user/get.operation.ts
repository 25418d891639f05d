import { NodeOperationError, type IDataObject, type INodeProperties } from 'n8n-workflow';

import { defineItemOperation } from '../../../shared/mfa/n8n/defineOperation';
import { describeUserRef, readUserRef, userLocator, userLookupOf } from '../../../shared/mfa/n8n/locators';
import { optionsCollection } from '../../../shared/mfa/n8n/options';
import type { UserRef } from '../../../shared/mfa/port';
import type { DuoDirectory } from '../../client/DuoDirectory';
import type { DuoUser } from '../../client/duoObjects';
import { splitNotes } from '../../client/duoView';
import { DUO_NODE } from '../duoNode';

const properties: INodeProperties[] = [
	userLocator('Duo', DUO_NODE.userIdPlaceholder),
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
	},
	optionsCollection([]),
];

export function simplifyUser(user: DuoUser): IDataObject {
	const { watermark } = splitNotes(user.notes);
	return {
		username: user.username,
		user_id: user.user_id,
		realname: user.realname ?? '',
		email: user.email ?? '',
		status: user.status,
		is_enrolled: user.is_enrolled ?? false,
		aliases: user.aliases ?? {},
		groups: (user.groups ?? []).map((group) => group.name),
		devices: {
			phones: user.phones?.length ?? 0,
			tokens: user.tokens?.length ?? 0,
			webauthn: user.webauthncredentials?.length ?? 0,
			u2f: user.u2ftokens?.length ?? 0,
		},
		last_login: user.last_login ?? null,
		...(watermark ? { syncedAsOf: watermark } : {}),
	};
}

export const { description, destructive, execute } = defineItemOperation<UserRef>(
	{ resource: 'user', operation: 'get' },
	properties,
	({ ctx, directory }) => ({
		prepare: (itemIndex) => {
			const ref = readUserRef(ctx, itemIndex);
			return { input: ref, lookup: userLookupOf(ref) };
		},
		run: async (ref, itemIndex) => {
			const user = await (directory as DuoDirectory).findDuoUser(ref);
			if (!user) {
				throw new NodeOperationError(ctx.getNode(), `No Duo user matches ${describeUserRef(ref)}`, {
					itemIndex,
					description: 'Check the "User" field: usernames and aliases are matched without regard to case',
				});
			}
			const simplify = ctx.getNodeParameter('simplify', itemIndex, true) as boolean;
			return simplify ? simplifyUser(user) : (user as unknown as IDataObject);
		},
	}),
);
