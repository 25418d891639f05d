import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { DuoGroup, DuoUser } from '../client/duoObjects';
import { duoApiRequest } from '../transport/request';

const PAGE = 100;

function matches(filter: string | undefined, ...values: Array<string | null | undefined>): boolean {
	if (!filter) return true;
	const wanted = filter.toLowerCase();
	return values.some((value) => value?.toLowerCase().includes(wanted));
}

function nextToken(next: number | string | null | undefined): string | undefined {
	return next === undefined || next === null || next === '' ? undefined : String(next);
}

/** Duo users page by page (Duo has no substring search), filtered by username, name or email. */
export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await duoApiRequest<DuoUser[]>(this, 'GET', '/admin/v1/users', {
		limit: PAGE,
		offset: Number(paginationToken ?? 0),
	});
	return {
		results: (page?.response ?? [])
			.filter((user) => matches(filter, user.username, user.realname, user.email))
			.map((user) => ({
				name: user.realname ? `${user.username} (${user.realname})` : user.username,
				value: user.user_id,
			})),
		paginationToken: nextToken(page?.metadata.next_offset),
	};
}

export async function searchGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await duoApiRequest<DuoGroup[]>(this, 'GET', '/admin/v1/groups', {
		limit: PAGE,
		offset: Number(paginationToken ?? 0),
	});
	return {
		results: (page?.response ?? [])
			.filter((group) => matches(filter, group.name, group.desc))
			.map((group) => ({ name: group.name, value: group.group_id })),
		paginationToken: nextToken(page?.metadata.next_offset),
	};
}
