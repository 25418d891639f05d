import type { INodeProperties } from 'n8n-workflow';

import { groupCacheMaxAgeOption } from '../../shared/mfa/n8n/groupCache';
import type { MfaNodeProvider } from '../../shared/mfa/n8n/provider';
import { AUTH0_CAPABILITIES } from '../client/capabilities';

const anchorOption: INodeProperties = {
	displayName: 'Store IdP User ID',
	name: 'anchorAttribute',
	type: 'options',
	default: 'idpUserId',
	description:
		"Where the IdP user ID is kept with its tenant, so a user whose email changes in the IdP is found and updated in Auth0 instead of duplicated. With a mapping profile, the profile's attributes apply instead.",
	options: [
		{ name: 'In App Metadata (idpUserId)', value: 'idpUserId', description: 'The app_metadata.idpUserId of the Auth0 user' },
		{ name: 'None', value: 'none', description: 'Do not store the IdP user ID; match by email only' },
	],
};

/** The Auth0 MFA node as the shared MFA operations see it. */
export const AUTH0_NODE: MfaNodeProvider = {
	capabilities: AUTH0_CAPABILITIES,
	userIdPlaceholder: 'auth0|6571a4f2c0ffee0123456789',
	groupIdPlaceholder: 'rol_AbCdEf0123456789',
	anchorOption: {
		property: anchorOption,
		read: (options) => (options.anchorAttribute === 'none' ? 'none' : 'idpUserId'),
	},
	sampleProfile: {
		attributes: {
			given_name: '{{ idp.givenName }}',
			family_name: '{{ idp.familyName }}',
			name: '{{ idp.displayName }}',
			idpUserId: '{{ idp.id }}',
		},
	},
	groupOptions: [groupCacheMaxAgeOption('Auth0 role')],
};

/** The Auth0 user attributes Create or Update offers. */
export const AUTH0_USER_FIELDS: INodeProperties[] = [
	{ displayName: 'Family Name', name: 'family_name', type: 'string', default: '' },
	{ displayName: 'Given Name', name: 'given_name', type: 'string', default: '' },
	{ displayName: 'Name', name: 'name', type: 'string', default: '' },
	{ displayName: 'Nickname', name: 'nickname', type: 'string', default: '' },
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		default: 'active',
		options: [
			{ name: 'Active', value: 'active', description: 'The user can sign in' },
			{ name: 'Blocked', value: 'disabled', description: 'The user cannot sign in' },
		],
	},
];
