import type { INodeProperties } from 'n8n-workflow';

import { groupCacheMaxAgeOption } from '../../shared/mfa/n8n/groupCache';
import type { MfaNodeProvider } from '../../shared/mfa/n8n/provider';
import { OKTA_CAPABILITIES } from '../client/capabilities';
import { OKTA_ANCHOR_FIELDS } from '../client/oktaView';

const anchorOption: INodeProperties = {
	displayName: 'IdP User ID Attribute',
	name: 'anchorAttribute',
	type: 'options',
	default: 'idpUserId',
	description:
		"The Okta profile attribute that keeps the IdP user ID with its tenant (e.g. idp:entra:contoso.onmicrosoft.com/4d14…), so a user renamed in the IdP is found and renamed in Okta instead of duplicated. Only this attribute is written. With a mapping profile, the profile's attributes apply instead.",
	options: [
		{
			name: 'Custom Attribute idpUserId',
			value: 'idpUserId',
			description: 'A string attribute you add to the Okta user profile (Profile Editor); recommended',
		},
		{ name: 'Employee Number', value: 'employeeNumber', description: "Okta's base attribute employeeNumber" },
		{ name: 'None', value: 'none', description: 'Do not store the IdP user ID; match by login only' },
	],
};

/** The Okta MFA node as the shared MFA operations see it. */
export const OKTA_NODE: MfaNodeProvider = {
	capabilities: OKTA_CAPABILITIES,
	userIdPlaceholder: '00u1abcd2345EfGHIjk6',
	groupIdPlaceholder: '00g1abcd2345EfGHIjk6',
	anchorOption: {
		property: anchorOption,
		read: (options) => {
			const field = String(options.anchorAttribute ?? 'idpUserId');
			return field === 'none' || (OKTA_ANCHOR_FIELDS as readonly string[]).includes(field) ? field : 'idpUserId';
		},
	},
	sampleProfile: {
		attributes: {
			firstName: '{{ idp.givenName }}',
			lastName: '{{ idp.familyName }}',
			email: '{{ idp.email }}',
			idpUserId: '{{ idp.id }}',
		},
	},
	groupOptions: [groupCacheMaxAgeOption('Okta')],
};

/** The Okta profile attributes Create or Update offers. */
export const OKTA_USER_FIELDS: INodeProperties[] = [
	{ displayName: 'Department', name: 'department', type: 'string', default: '' },
	{ displayName: 'Display Name', name: 'displayName', type: 'string', default: '' },
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'e.g. nathan@example.com', default: '' },
	{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
	{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
	{ displayName: 'Mobile Phone', name: 'mobilePhone', type: 'string', default: '' },
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		default: 'active',
		options: [
			{ name: 'Active', value: 'active', description: 'The user can sign in' },
			{ name: 'Disabled', value: 'disabled', description: 'Suspended (or deactivated, see Disable By)' },
		],
	},
	{ displayName: 'Title', name: 'title', type: 'string', default: '' },
];
