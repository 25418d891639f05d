import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { nextLink } from '../../IdpEventTrigger/providers/okta/okta.api';
import type { OktaGroup, OktaUser } from '../client/oktaObjects';
import { isManagedGroup } from '../client/oktaView';
import { oktaRequest } from '../transport/request';

const PAGE = 50;

/** `q` (a prefix match on names and email, without paging) when there is a filter, else a paged list. */
function listPath(collection: string, filter: string | undefined, paginationToken: string | undefined): string {
	if (paginationToken) return paginationToken;
	const params = new URLSearchParams({ limit: String(PAGE), ...(filter ? { q: filter } : {}) });
	return `/api/v1/${collection}?${params.toString()}`;
}

export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await oktaRequest<OktaUser[]>(this, { method: 'GET', path: listPath('users', filter, paginationToken) });
	return {
		results: (page?.body ?? []).map((user) => {
			const name = [user.profile.firstName, user.profile.lastName].filter(Boolean).join(' ');
			return { name: name ? `${user.profile.login} (${name})` : user.profile.login, value: user.id };
		}),
		paginationToken: filter ? undefined : nextLink(page?.headers.link),
	};
}

export async function searchGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await oktaRequest<OktaGroup[]>(this, { method: 'GET', path: listPath('groups', filter, paginationToken) });
	return {
		results: (page?.body ?? []).filter(isManagedGroup).map((group) => ({ name: group.profile.name, value: group.id })),
		paginationToken: filter ? undefined : nextLink(page?.headers.link),
	};
}
