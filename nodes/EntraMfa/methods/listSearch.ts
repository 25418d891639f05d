import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { EntraGroup, EntraUser } from '../client/entraObjects';
import { isManagedGroup } from '../client/entraView';
import { graphCall } from '../transport/request';

const PAGE = 50;

interface Page<T> {
	value?: T[];
	'@odata.nextLink'?: string;
}

/** `startswith` on the name when there is a filter; Graph's next link as the pagination token. */
function listPath(collection: string, property: string, select: string, filter?: string): string {
	const where = filter ? `&$filter=${encodeURIComponent(`startswith(${property},'${filter.replace(/'/g, "''")}')`)}` : '';
	return `/${collection}?$top=${PAGE}&$select=${select}${where}`;
}

export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const path = paginationToken ?? listPath('users', 'userPrincipalName', 'id,userPrincipalName,displayName', filter);
	const page = await graphCall<Page<EntraUser>>(this, { method: 'GET', path });
	return {
		results: (page?.body.value ?? []).map((user) => ({
			name: user.displayName ? `${user.userPrincipalName} (${user.displayName})` : user.userPrincipalName,
			value: user.id,
		})),
		paginationToken: page?.body['@odata.nextLink'],
	};
}

export async function searchGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const path = paginationToken ?? listPath('groups', 'displayName', 'id,displayName,groupTypes', filter);
	const page = await graphCall<Page<EntraGroup>>(this, { method: 'GET', path });
	return {
		results: (page?.body.value ?? []).filter(isManagedGroup).map((group) => ({ name: group.displayName, value: group.id })),
		paginationToken: page?.body['@odata.nextLink'],
	};
}
