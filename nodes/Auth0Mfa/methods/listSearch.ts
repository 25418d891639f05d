import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { Auth0Role, Auth0User } from '../client/auth0Objects';
import { auth0Call } from '../transport/request';

const PAGE = 50;

function listPath(collection: string, filter: Record<string, string>, paginationToken?: string): string {
	const page = Number(paginationToken ?? 0);
	const params = new URLSearchParams({ ...filter, page: String(page), per_page: String(PAGE) });
	return `/${collection}?${params.toString()}`;
}

const next = (count: number, paginationToken?: string) =>
	count < PAGE ? undefined : String(Number(paginationToken ?? 0) + 1);

export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const q: Record<string, string> = filter ? { q: `email:${filter.replace(/[^\w.@+-]/g, '')}*`, search_engine: 'v3' } : {};
	const page = await auth0Call<Auth0User[]>(this, { method: 'GET', path: listPath('users', q, paginationToken) });
	const users = page?.body ?? [];
	return {
		results: users.map((user) => ({
			name: user.name && user.name !== user.email ? `${user.email} (${user.name})` : String(user.email ?? user.user_id),
			value: user.user_id,
		})),
		paginationToken: next(users.length, paginationToken),
	};
}

export async function searchGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await auth0Call<Auth0Role[]>(this, {
		method: 'GET',
		path: listPath('roles', filter ? { name_filter: filter } : {}, paginationToken),
	});
	const roles = page?.body ?? [];
	return { results: roles.map((role) => ({ name: role.name, value: role.id })), paginationToken: next(roles.length, paginationToken) };
}
