import type { Group as OktaGroup, User as OktaUser } from '@okta/okta-sdk-nodejs';
import type { IDataObject } from 'n8n-workflow';

import { mapWithConcurrency } from '../../../shared/http/concurrency';
import type { DirectoryUser, UserStatus } from '../../../shared/model';
import { nextLink, oktaApiRequest, oktaTenant } from '../../../IdpEventTrigger/providers/okta/okta.api';
import {
	OKTA_STATUS_MAP,
	identityUserFromOkta,
} from '../../../IdpEventTrigger/providers/okta/okta.enrich';
import { directoryUser, groupsByUser, resolveGroup } from '../assemble';
import type { DirectoryProgress } from '../progress';
import type {
	DirectoryContext,
	DirectoryGroup,
	DirectoryReader,
	GroupListing,
	ReadUser,
	UserFilters,
} from '../types';
import { OktaRateGate } from './oktaRateGate';

/** The largest page Okta serves for users, groups and group members. */
const PAGE_LIMIT = 200;
const MEMBER_READS_IN_FLIGHT = 4;

interface Page<T> {
	items: T[];
	sentAt: string;
}

interface Members {
	ids: string[];
	/** The members as users, kept only for the group Get Users is filtered to. */
	users: Array<{ user: OktaUser; sentAt: string }>;
}

type GroupWithStats = OktaGroup & { _embedded?: { stats?: { usersCount?: unknown } } };

function asDirectoryGroup(group: GroupWithStats): DirectoryGroup {
	const profile = (group.profile ?? {}) as unknown as Record<string, unknown>;
	const usersCount = group._embedded?.stats?.usersCount;
	return {
		id: String(group.id),
		...(typeof profile.name === 'string' ? { name: profile.name } : {}),
		...(typeof profile.description === 'string' && profile.description
			? { description: profile.description }
			: {}),
		...(typeof usersCount === 'number' ? { memberCount: usersCount } : {}),
	};
}

/** The Okta statuses that normalize to one of `statuses`. */
function oktaStatusesOf(statuses: UserStatus[]): string[] {
	return Object.entries(OKTA_STATUS_MAP)
		.filter(([, status]) => statuses.includes(status))
		.map(([oktaStatus]) => oktaStatus);
}

/**
 * The list-users query: `search` carries the expression (and the status clause with it), `filter`
 * the statuses alone. Without either Okta lists every user but the deprovisioned ones.
 */
function usersQuery(filters: UserFilters): IDataObject {
	const statuses = oktaStatusesOf(filters.statuses);
	const statusClause = statuses.map((status) => `status eq "${status}"`).join(' or ');
	if (filters.search) {
		return { search: statusClause ? `(${filters.search}) and (${statusClause})` : filters.search };
	}
	return statusClause ? { filter: statusClause } : {};
}

function keepsStatus(filters: UserFilters, status: UserStatus | undefined): boolean {
	return filters.statuses.length === 0
		? status !== 'deprovisioned'
		: status !== undefined && filters.statuses.includes(status);
}

/**
 * Okta's directory in list calls only: users (paged by `Link`), groups with their member counts,
 * then the members of each group. Never one groups call per user.
 */
export async function oktaDirectory(
	ctx: DirectoryContext,
	progress: DirectoryProgress,
): Promise<DirectoryReader> {
	const tenant = await oktaTenant(ctx);
	const gate = new OktaRateGate();

	async function* pages<T>(path: string, qs: IDataObject): AsyncGenerator<Page<T>> {
		let url: string | undefined = path;
		let query: IDataObject | undefined = { limit: PAGE_LIMIT, ...qs };
		while (url) {
			const release = await gate.acquire(url);
			const sentAt = new Date().toISOString();
			let page: { body: T[]; headers: Record<string, unknown> } | undefined;
			try {
				page = await oktaApiRequest<T[]>(ctx, 'GET', url, undefined, query);
			} finally {
				release(page?.headers);
			}
			yield { items: Array.isArray(page.body) ? page.body : [], sentAt };
			url = nextLink(page.headers.link);
			query = undefined;
		}
	}

	async function listGroups(): Promise<{ raw: GroupWithStats[]; listing: GroupListing }> {
		const raw: GroupWithStats[] = [];
		let observedAt = '';
		for await (const page of pages<GroupWithStats>('/api/v1/groups', { expand: 'stats' })) {
			observedAt ||= page.sentAt;
			raw.push(...page.items);
		}
		return { raw, listing: { groups: raw.map(asDirectoryGroup), observedAt } };
	}

	async function readMembers(group: OktaGroup, keepUsers: boolean): Promise<Members> {
		const members: Members = { ids: [], users: [] };
		const path = `/api/v1/groups/${encodeURIComponent(String(group.id))}/users`;
		for await (const page of pages<OktaUser>(path, {})) {
			for (const user of page.items) {
				members.ids.push(String(user.id));
				if (keepUsers) members.users.push({ user, sentAt: page.sentAt });
			}
		}
		return members;
	}

	async function listUsers(filters: UserFilters): Promise<Array<{ user: OktaUser; sentAt: string }>> {
		const users: Array<{ user: OktaUser; sentAt: string }> = [];
		for await (const page of pages<OktaUser>('/api/v1/users', usersQuery(filters))) {
			for (const user of page.items) users.push({ user, sentAt: page.sentAt });
			progress.users(users.length);
		}
		return users;
	}

	return {
		idp: 'okta',
		tenant,
		readGroups: async () => (await listGroups()).listing,
		async readUsers(filters): Promise<DirectoryUser[]> {
			const { raw, listing } = await listGroups();
			const target = filters.group
				? resolveGroup(ctx.getNode(), 'Okta', listing.groups, filters.group)
				: undefined;
			// A group's member list holds whole users: filtered to a group without a search
			// expression, the members are the users and the user list is not read.
			const fromMembers = target !== undefined && !filters.search;
			// Every user is in Okta's built-in Everyone group: its member count estimates the total.
			const everyone = raw.find((group) => group.type === 'BUILT_IN');
			const query = usersQuery(filters);
			const unfiltered = query.search === undefined && query.filter === undefined;
			progress.estimate(
				target
					? target.memberCount
					: unfiltered && everyone
						? asDirectoryGroup(everyone).memberCount
						: undefined,
			);
			const listed = fromMembers ? [] : await listUsers(filters);
			progress.info(`reading the members of ${raw.length} group${raw.length === 1 ? '' : 's'}`);
			const members = new Map<string, Members>();
			await mapWithConcurrency(raw, MEMBER_READS_IN_FLIGHT, async (group) => {
				members.set(String(group.id), await readMembers(group, fromMembers && group.id === target?.id));
			});
			const groupsOf = groupsByUser(raw, (group) => members.get(String(group.id))?.ids);
			const candidates = fromMembers ? (members.get(target.id)?.users ?? []) : listed;
			if (fromMembers) progress.users(candidates.length);
			const targetMembers = target ? new Set(members.get(target.id)?.ids) : undefined;
			const out: DirectoryUser[] = [];
			for (const { user, sentAt } of candidates) {
				const id = String(user.id);
				if (targetMembers && !targetMembers.has(id)) continue;
				const read: ReadUser = {
					user: identityUserFromOkta(user, groupsOf.get(id) ?? []),
					observedAt: sentAt,
				};
				if (fromMembers && !keepsStatus(filters, read.user.status)) continue;
				out.push(directoryUser('okta', tenant, read));
			}
			return out;
		},
	};
}
