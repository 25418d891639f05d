import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { UserStatus } from '../../../shared/model';
import type { UserFilters } from '../../directory/types';
import type { DirectoryOperation } from '../node.type';

const show = { resource: ['user'], operation: ['getAll'] };

const STATUS_OPTIONS: Record<string, Array<{ name: string; value: UserStatus; description?: string }>> = {
	okta: [
		{ name: 'Active', value: 'active', description: 'ACTIVE, PASSWORD_EXPIRED and RECOVERY' },
		{ name: 'Deprovisioned', value: 'deprovisioned', description: 'DEPROVISIONED: left out unless chosen here' },
		{ name: 'Locked', value: 'locked', description: 'LOCKED_OUT' },
		{ name: 'Pending', value: 'pending', description: 'STAGED and PROVISIONED' },
		{ name: 'Suspended', value: 'suspended' },
	],
	auth0: [
		{ name: 'Active', value: 'active', description: 'Not blocked' },
		{ name: 'Suspended', value: 'suspended', description: 'Blocked' },
	],
	entra: [
		{ name: 'Active', value: 'active', description: 'Account enabled' },
		{ name: 'Suspended', value: 'suspended', description: 'Account disabled' },
	],
};

const SEARCH_FIELDS: Record<string, Pick<INodeProperties, 'displayName' | 'placeholder' | 'description'>> = {
	okta: {
		displayName: 'Search Expression',
		placeholder: 'e.g. profile.department eq "Engineering"',
		description:
			"Okta's search expression (the search parameter of List all users). Okta answers it from an eventually consistent index.",
	},
	auth0: {
		displayName: 'Search Query',
		placeholder: 'e.g. email.domain:"example.com" AND app_metadata.team:"it"',
		description:
			"Auth0's Lucene query (the q parameter, search engine v3). Auth0 returns at most 1,000 users for a query.",
	},
	entra: {
		displayName: 'Filter',
		placeholder: "e.g. startswith(department,'Eng')",
		description:
			"Microsoft Graph's $filter on users. Sent with ConsistencyLevel: eventual, so that advanced filters work; results then come from an eventually consistent index.",
	},
};

const statusName = (idp: string) => `${idp}Status`;
const searchName = (idp: string) => `${idp}Search`;

export const description: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Group',
				name: 'group',
				type: 'string',
				default: '',
				placeholder: 'e.g. MFA Users',
				description:
					'Only the direct members of this group (a role in Auth0), by ID or exact name, as Get Groups lists them',
			},
			...Object.entries(SEARCH_FIELDS).map(
				([idp, field]): INodeProperties => ({
					...field,
					name: searchName(idp),
					type: 'string',
					default: '',
					displayOptions: { show: { '/provider': [idp] } },
				}),
			),
			...Object.entries(STATUS_OPTIONS).map(
				([idp, options]): INodeProperties => ({
					displayName: 'Status',
					name: statusName(idp),
					type: 'multiOptions',
					default: [],
					options,
					description: 'Only users in one of these statuses (as the IdP Event Trigger normalizes them)',
					displayOptions: { show: { '/provider': [idp] } },
				}),
			),
		],
	},
];

export function readFilters(ctx: IExecuteFunctions, idp: string): UserFilters {
	const filters = ctx.getNodeParameter('filters', 0, {}) as IDataObject;
	const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
	const statuses = Array.isArray(filters[statusName(idp)]) ? (filters[statusName(idp)] as UserStatus[]) : [];
	return {
		statuses,
		group: text(filters.group),
		search: text(filters[searchName(idp)]),
	};
}

export const operation: DirectoryOperation = {
	description,
	async execute(ctx, reader) {
		const users = await reader.readUsers(readFilters(ctx, reader.idp));
		return users.map((user) => ({ json: user as unknown as IDataObject, pairedItem: { item: 0 } }));
	},
};
