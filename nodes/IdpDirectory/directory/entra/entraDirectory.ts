import type { IDataObject } from 'n8n-workflow';

import { mapWithConcurrency } from '../../../shared/http/concurrency';
import type { DirectoryUser, UserStatus } from '../../../shared/model';
import { graphRequest, entraTenant } from '../../../IdpEventTrigger/providers/entra/entra.api';
import {
	GRAPH_USER_SELECT,
	identityUserFromGraph,
	type GraphGroup,
	type GraphUser,
} from '../../../IdpEventTrigger/providers/entra/entra.users';
import { directoryUser, groupsByUser, resolveGroup } from '../assemble';
import type { DirectoryProgress } from '../progress';
import type { DirectoryContext, DirectoryGroup, DirectoryReader, GroupListing, UserFilters } from '../types';

/** Graph's largest page for users, groups and members. */
const PAGE_SIZE = 999;
/** Graph serves at most 100 groups a page once `$expand` is used. */
const EXPANDED_PAGE_SIZE = 100;
/**
 * `$expand` on a directory relationship returns at most 20 objects and no next link: a group that
 * came back with 20 members may have more, and its members are then listed on their own.
 */
const EXPANDED_MEMBERS_LIMIT = 20;
const MEMBER_READS_IN_FLIGHT = 4;

interface GroupWithMembers extends GraphGroup {
	description?: string | null;
	members?: Array<{ id: string }>;
}

interface GraphPage<T> {
	value?: T[];
	'@odata.nextLink'?: string;
	'@odata.count'?: number;
}

interface Page<T> {
	value: T[];
	sentAt: string;
	count?: number;
}

function asDirectoryGroup(group: GroupWithMembers): DirectoryGroup {
	return {
		id: group.id,
		...(group.displayName ? { name: group.displayName } : {}),
		...(group.description ? { description: group.description } : {}),
	};
}

function accountEnabledClause(statuses: UserStatus[]): string | undefined {
	const active = statuses.includes('active');
	const suspended = statuses.includes('suspended');
	return active === suspended ? undefined : `accountEnabled eq ${active}`;
}

/**
 * Entra ID's directory from Microsoft Graph: users with `$select` (999 a page); groups with their
 * first members expanded (100 groups a page), and the full member list only of groups whose
 * expansion may have been cut at 20. A directory of small groups costs a few pages in all.
 */
export async function entraDirectory(
	ctx: DirectoryContext,
	progress: DirectoryProgress,
): Promise<DirectoryReader> {
	const tenant = await entraTenant(ctx);

	async function* pages<T>(path: string, qs: IDataObject, headers?: IDataObject): AsyncGenerator<Page<T>> {
		let next: string | undefined = path;
		let query: IDataObject | undefined = qs;
		while (next) {
			const sentAt = new Date().toISOString();
			const { body }: { body: GraphPage<T> } = await graphRequest<GraphPage<T>>(
				ctx,
				'GET',
				next,
				undefined,
				query,
				{ headers },
			);
			yield { value: body.value ?? [], sentAt, count: body['@odata.count'] };
			next = body['@odata.nextLink'];
			query = undefined;
		}
	}

	async function listGroups(expandMembers: boolean): Promise<{ raw: GroupWithMembers[]; listing: GroupListing }> {
		const raw: GroupWithMembers[] = [];
		let observedAt = '';
		const qs: IDataObject = expandMembers
			? { $select: 'id,displayName,description', $expand: 'members($select=id)', $top: EXPANDED_PAGE_SIZE }
			: { $select: 'id,displayName,description', $top: PAGE_SIZE };
		for await (const page of pages<GroupWithMembers>('/groups', qs)) {
			observedAt ||= page.sentAt;
			raw.push(...page.value);
		}
		return { raw, listing: { groups: raw.map(asDirectoryGroup), observedAt } };
	}

	async function membersOf(group: GroupWithMembers): Promise<string[]> {
		const expanded = group.members ?? [];
		if (expanded.length < EXPANDED_MEMBERS_LIMIT) return expanded.map((member) => member.id);
		const ids: string[] = [];
		const path = `/groups/${encodeURIComponent(group.id)}/members`;
		for await (const page of pages<{ id: string }>(path, { $select: 'id', $top: PAGE_SIZE })) {
			ids.push(...page.value.map((member) => member.id));
		}
		return ids;
	}

	async function listUsers(filters: UserFilters): Promise<Array<{ user: GraphUser; sentAt: string }>> {
		const clauses = [filters.search, accountEnabledClause(filters.statuses)].filter(Boolean);
		const filter =
			clauses.length > 1 ? clauses.map((clause) => `(${clause})`).join(' and ') : clauses[0];
		// An expression of the user's own may need Graph's advanced query capabilities, which are
		// eventually consistent and also report the count.
		const advanced = filters.search !== undefined;
		const qs: IDataObject = {
			$select: GRAPH_USER_SELECT,
			$top: PAGE_SIZE,
			...(filter ? { $filter: filter } : {}),
			...(advanced ? { $count: 'true' } : {}),
		};
		const users: Array<{ user: GraphUser; sentAt: string }> = [];
		for await (const page of pages<GraphUser>('/users', qs, advanced ? { ConsistencyLevel: 'eventual' } : undefined)) {
			progress.estimate(page.count);
			for (const user of page.value) users.push({ user, sentAt: page.sentAt });
			progress.users(users.length);
		}
		return users;
	}

	return {
		idp: 'entra',
		tenant,
		readGroups: async () => (await listGroups(false)).listing,
		async readUsers(filters): Promise<DirectoryUser[]> {
			const { raw, listing } = await listGroups(true);
			const target = filters.group
				? resolveGroup(ctx.getNode(), 'Microsoft Entra ID', listing.groups, filters.group)
				: undefined;
			const listed = await listUsers(filters);
			const members = new Map<string, string[]>();
			await mapWithConcurrency(raw, MEMBER_READS_IN_FLIGHT, async (group) => {
				members.set(group.id, await membersOf(group));
			});
			progress.info(`read the members of ${raw.length} group${raw.length === 1 ? '' : 's'}`);
			const groupsOf = groupsByUser(raw, (group) => members.get(group.id));
			const targetMembers = target ? new Set(members.get(target.id)) : undefined;
			return listed
				.filter(({ user }) => !targetMembers || targetMembers.has(user.id))
				.map(({ user, sentAt }) =>
					directoryUser('entra', tenant, {
						user: identityUserFromGraph(
							user,
							(groupsOf.get(user.id) ?? []).map((group) => ({ id: group.id, displayName: group.displayName })),
						),
						observedAt: sentAt,
					}),
				);
		},
	};
}
