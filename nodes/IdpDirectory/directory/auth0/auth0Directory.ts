import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { mapWithConcurrency } from '../../../shared/http/concurrency';
import type { DirectoryUser, UserStatus } from '../../../shared/model';
import { auth0ApiRequest, auth0Tenant } from '../../../IdpEventTrigger/providers/auth0/auth0.api';
import { identityUserFromManagementApi } from '../../../IdpEventTrigger/providers/auth0/auth0.enrich';
import { directoryUser, groupsByUser, resolveGroup } from '../assemble';
import type { DirectoryProgress } from '../progress';
import type { DirectoryContext, DirectoryGroup, DirectoryReader, GroupListing, UserFilters } from '../types';
import { exportAuth0Users } from './auth0Export';

/** Auth0's largest page. */
const PER_PAGE = 100;
/** `GET /api/v2/users` pages through the first 1,000 matches only. */
const SEARCH_CEILING = 1000;
const MEMBER_READS_IN_FLIGHT = 4;

interface Auth0Role {
	id: string;
	name?: string;
	description?: string;
}

type ManagementUser = Record<string, unknown>;

function asDirectoryGroup(role: Auth0Role): DirectoryGroup {
	return {
		id: role.id,
		...(role.name ? { name: role.name } : {}),
		...(role.description ? { description: role.description } : {}),
	};
}

/** The Lucene clause for the statuses; Auth0 knows blocked (suspended) and not blocked (active). */
function blockedClause(statuses: UserStatus[]): string | undefined {
	const active = statuses.includes('active');
	const suspended = statuses.includes('suspended');
	if (active === suspended) return undefined;
	return suspended ? 'blocked:true' : 'NOT blocked:true';
}

function usersQuery(filters: UserFilters): string | undefined {
	const clauses = [filters.search, blockedClause(filters.statuses)].filter(Boolean) as string[];
	return clauses.length > 1 ? clauses.map((clause) => `(${clause})`).join(' AND ') : clauses[0];
}

/**
 * Auth0's directory: roles (Auth0's groups) and each role's users by checkpoint paging, then the
 * users: `GET /api/v2/users` while the tenant (or query) has fewer than 1,000, a users-export job
 * for a larger tenant.
 */
export async function auth0Directory(
	ctx: DirectoryContext,
	progress: DirectoryProgress,
): Promise<DirectoryReader> {
	const tenant = await auth0Tenant(ctx);

	async function listRoles(): Promise<GroupListing & { raw: Auth0Role[] }> {
		const raw: Auth0Role[] = [];
		let observedAt = '';
		for (let page = 0; ; page++) {
			const sentAt = new Date().toISOString();
			observedAt ||= sentAt;
			const { body } = await auth0ApiRequest<{ roles?: Auth0Role[]; total?: number }>(
				ctx,
				'GET',
				'/api/v2/roles',
				undefined,
				{ page, per_page: PER_PAGE, include_totals: true },
			);
			const batch = body.roles ?? [];
			raw.push(...batch);
			if (batch.length < PER_PAGE || (typeof body.total === 'number' && raw.length >= body.total)) break;
		}
		return { raw, groups: raw.map(asDirectoryGroup), observedAt };
	}

	async function roleMembers(role: Auth0Role): Promise<string[]> {
		const ids: string[] = [];
		const path = `/api/v2/roles/${encodeURIComponent(role.id)}/users`;
		let from: string | undefined;
		do {
			const qs: IDataObject = { take: PER_PAGE, ...(from ? { from } : {}) };
			const { body } = await auth0ApiRequest<{ users?: Array<{ user_id: string }>; next?: string }>(
				ctx,
				'GET',
				path,
				undefined,
				qs,
			);
			ids.push(...(body.users ?? []).map((user) => user.user_id));
			from = body.next || undefined;
		} while (from);
		return ids;
	}

	async function listUsers(filters: UserFilters): Promise<Array<{ user: ManagementUser; sentAt: string }>> {
		const q = usersQuery(filters);
		const users: Array<{ user: ManagementUser; sentAt: string }> = [];
		for (let page = 0; ; page++) {
			const sentAt = new Date().toISOString();
			const { body } = await auth0ApiRequest<{ users?: ManagementUser[]; total?: number }>(
				ctx,
				'GET',
				'/api/v2/users',
				undefined,
				{ page, per_page: PER_PAGE, include_totals: true, search_engine: 'v3', ...(q ? { q } : {}) },
			);
			const batch = body.users ?? [];
			const total = typeof body.total === 'number' ? body.total : undefined;
			if (page === 0) progress.estimate(total);
			if (page === 0 && total !== undefined && total >= SEARCH_CEILING) {
				if (filters.search) {
					throw new NodeOperationError(
						ctx.getNode(),
						`Auth0 finds ${total} or more users for this query, and its user search returns 1,000 at most`,
						{
							description:
								'Narrow the query, or clear Search Query: without one, Get Users reads every user through an Auth0 users export job',
						},
					);
				}
				const exported = await exportAuth0Users(ctx, progress);
				return exported.users
					.map((user) => ({ user, sentAt: exported.observedAt }))
					.filter(
						({ user }) =>
							filters.statuses.length === 0 ||
							filters.statuses.includes(identityUserFromManagementApi(user).status ?? 'unknown'),
					);
			}
			for (const user of batch) users.push({ user, sentAt });
			progress.users(users.length);
			if (batch.length < PER_PAGE || (total !== undefined && users.length >= total)) return users;
		}
	}

	return {
		idp: 'auth0',
		tenant,
		readGroups: async () => await listRoles(),
		async readUsers(filters): Promise<DirectoryUser[]> {
			const roles = await listRoles();
			const target = filters.group
				? resolveGroup(ctx.getNode(), 'Auth0', roles.groups, filters.group)
				: undefined;
			const members = new Map<string, string[]>();
			await mapWithConcurrency(roles.raw, MEMBER_READS_IN_FLIGHT, async (role) => {
				members.set(role.id, await roleMembers(role));
			});
			progress.info(`read the users of ${roles.raw.length} role${roles.raw.length === 1 ? '' : 's'}`);
			const listed = await listUsers(filters);
			const rolesOf = groupsByUser(roles.raw, (role) => members.get(role.id));
			const targetMembers = target ? new Set(members.get(target.id)) : undefined;
			return listed
				.filter(({ user }) => !targetMembers || targetMembers.has(String(user.user_id)))
				.map(({ user, sentAt }) =>
					directoryUser('auth0', tenant, {
						user: identityUserFromManagementApi(user, rolesOf.get(String(user.user_id)) ?? []),
						observedAt: sentAt,
					}),
				);
		},
	};
}
