import { NodeOperationError, type INode } from 'n8n-workflow';

import {
	IDENTITY_EVENT_SCHEMA_VERSION,
	type DirectoryUser,
	type IdentityProviderId,
} from '../../shared/model';
import type { DirectoryGroup, ReadUser } from './types';

/** Each user's direct groups, in the order the groups were listed. */
export function groupsByUser<G>(
	groups: readonly G[],
	membersOf: (group: G) => Iterable<string> | undefined,
): Map<string, G[]> {
	const byUser = new Map<string, G[]>();
	for (const group of groups) {
		for (const userId of new Set(membersOf(group) ?? [])) {
			const list = byUser.get(userId);
			if (list) list.push(group);
			else byUser.set(userId, [group]);
		}
	}
	return byUser;
}

/**
 * The group Group names: by ID first, then by exact name, then by name ignoring case. Throws when
 * none matches, or several groups share the name.
 */
export function resolveGroup(
	node: INode,
	idpName: string,
	groups: readonly DirectoryGroup[],
	wanted: string,
): DirectoryGroup {
	const byId = groups.find((group) => group.id === wanted);
	if (byId) return byId;
	const exact = groups.filter((group) => group.name === wanted);
	const named =
		exact.length > 0
			? exact
			: groups.filter((group) => group.name?.toLowerCase() === wanted.toLowerCase());
	if (named.length === 1) return named[0];
	if (named.length > 1) {
		throw new NodeOperationError(node, `${named.length} ${idpName} groups are named "${wanted}"`, {
			description: `Set Group to the ID of the one you mean: ${named.map((group) => group.id).join(', ')}`,
		});
	}
	throw new NodeOperationError(node, `${idpName} has no group "${wanted}"`, {
		description: 'Set Group to a group ID or exact group name, as Get Groups lists them',
	});
}

export function directoryUser(
	idp: IdentityProviderId,
	tenant: string,
	read: ReadUser,
): DirectoryUser {
	return {
		schemaVersion: IDENTITY_EVENT_SCHEMA_VERSION,
		type: 'directory.user',
		idp,
		tenant,
		observedAt: read.observedAt,
		user: read.user,
	};
}
