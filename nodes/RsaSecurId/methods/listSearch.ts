import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { RsaUser } from '../client/rsaObjects';
import { RSA_SEARCH_PAGE_MAX, rsaRequest } from '../transport/request';

/**
 * RSA SecurID users whose email address contains the text typed (User Search API version 2, 25 a
 * page). Each entry stands for its email address, the username this node matches users by.
 */
export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const pageNumber = Number(paginationToken ?? 0);
	const page = await rsaRequest<RsaUser[]>(this, {
		method: 'POST',
		path: '/v2/users/search',
		qs: { pageSize: RSA_SEARCH_PAGE_MAX, pageNumber },
		body: { emailLike: filter?.trim() || '@' },
		intent: 'read',
	});
	const users = Array.isArray(page?.body) ? page.body : [];
	return {
		results: users.map((user) => {
			const name = [user.firstName, user.lastName].filter(Boolean).join(' ');
			return { name: name ? `${user.emailAddress} (${name})` : user.emailAddress, value: user.emailAddress };
		}),
		paginationToken: users.length === RSA_SEARCH_PAGE_MAX ? String(pageNumber + 1) : undefined,
	};
}
