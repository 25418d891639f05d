import type { INodeProperties } from 'n8n-workflow';

import type { IdentityProviderId } from '../../shared/model';

/** The identity providers with a directory to read (Shared Signals has none). */
export type DirectoryIdp = Exclude<IdentityProviderId, 'ssf'>;

export const IDP_NAMES: Record<DirectoryIdp, string> = {
	auth0: 'Auth0',
	entra: 'Microsoft Entra ID',
	okta: 'Okta',
};

export const providerProperty: INodeProperties = {
	displayName: 'Identity Provider',
	name: 'provider',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Auth0', value: 'auth0', description: 'Users and roles of an Auth0 tenant' },
		{
			name: 'Microsoft Entra ID',
			value: 'entra',
			description: 'Users and groups of an Entra ID tenant, through Microsoft Graph',
		},
		{ name: 'Okta', value: 'okta', description: 'Users and groups of an Okta org' },
	],
	default: 'okta',
};

/** What reading the directory needs, shown under the provider. */
export const permissionNotices: INodeProperties[] = [
	{
		displayName:
			'The Okta API token must be able to read users and groups (okta.users.read and okta.groups.read for an OAuth service app; a token of a Read-only Administrator is enough)',
		name: 'permissionsOkta',
		type: 'notice',
		default: '',
		displayOptions: { show: { provider: ['okta'] } },
	},
	{
		displayName:
			'The Auth0 application needs the Management API scopes read:users and read:roles. A tenant of 1,000 users or more is read through a users export job, which needs read:users to start it and create:users or read:users to check on it.',
		name: 'permissionsAuth0',
		type: 'notice',
		default: '',
		displayOptions: { show: { provider: ['auth0'] } },
	},
	{
		displayName:
			'The app registration needs the Microsoft Graph application permissions User.Read.All, and Group.Read.All or GroupMember.Read.All, with admin consent',
		name: 'permissionsEntra',
		type: 'notice',
		default: '',
		displayOptions: { show: { provider: ['entra'] } },
	},
];
