import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { PingOneGroup, PingOneUser } from '../client/pingOneObjects';
import { filterValue } from '../client/scimFilter';
import { pingOneRequest, type PingOnePage } from '../transport/request';

const PAGE = 100;

/** One page of a PingOne collection; the token is the `_links.next.href` of the page before. */
async function page<T>(
	ctx: ILoadOptionsFunctions,
	path: string,
	embedded: string,
	filter: string | undefined,
	token: string | undefined,
): Promise<{ items: T[]; next?: string }> {
	const result = await pingOneRequest<PingOnePage>(ctx, {
		method: 'GET',
		path: token ?? path,
		qs: token ? undefined : { limit: PAGE, ...(filter ? { filter } : {}) },
	});
	return {
		items: (result?.body._embedded?.[embedded] ?? []) as T[],
		next: result?.body._links?.next?.href,
	};
}

/** PingOne users whose username, email or family name starts with the text typed. */
export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const text = filter?.trim();
	const scim = text
		? ['username', 'email', 'name.family'].map((attribute) => `${attribute} sw ${filterValue(text)}`).join(' or ')
		: undefined;
	const { items, next } = await page<PingOneUser>(this, '/users', 'users', scim, paginationToken);
	return {
		results: items.map((user) => {
			const name = [user.name?.given, user.name?.family].filter(Boolean).join(' ');
			return { name: name ? `${user.username} (${name})` : user.username, value: user.id };
		}),
		paginationToken: next,
	};
}

/** PingOne groups, by a name that starts with the text typed ([unverified] that groups take `name sw`). */
export async function searchGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const text = filter?.trim();
	const scim = text ? `name sw ${filterValue(text)}` : undefined;
	const { items, next } = await page<PingOneGroup>(this, '/groups', 'groups', scim, paginationToken);
	return { results: items.map((group) => ({ name: group.name, value: group.id })), paginationToken: next };
}
