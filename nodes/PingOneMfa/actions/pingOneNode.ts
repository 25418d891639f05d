import type { INodeProperties } from 'n8n-workflow';

import type { MfaNodeProvider } from '../../shared/mfa/n8n/provider';
import { PINGONE_CAPABILITIES } from '../client/capabilities';

export const GROUP_CACHE_MAX_AGE_DEFAULT = 60;

export const groupCacheMaxAgeOption: INodeProperties = {
	displayName: 'Group Cache Max Age (Minutes)',
	name: 'groupCacheMaxAge',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: GROUP_CACHE_MAX_AGE_DEFAULT,
	description:
		'How long each n8n process keeps the list of PingOne groups (ID, name, description) in memory, so later executions look groups up without listing them. A group it does not know is always looked for in a fresh listing before a group is created. 0 lists groups once per execution.',
};

const anchorOption: INodeProperties = {
	displayName: 'Keep IdP User ID In',
	name: 'anchorField',
	type: 'options',
	default: 'externalId',
	description:
		"Where the IdP user ID with its tenant (e.g. idp:okta:acme.okta.com/00u1abcd) is kept, so a user renamed in the IdP is found and renamed in PingOne instead of duplicated. With a mapping profile, the profile's externalId attribute applies instead.",
	options: [
		{ name: 'External ID', value: 'externalId', description: "The PingOne user's externalId attribute" },
		{ name: 'None', value: 'none', description: 'Do not store the IdP user ID; match by username only' },
	],
};

/** The PingOne MFA node as the shared MFA operations see it. */
export const PINGONE_NODE: MfaNodeProvider = {
	capabilities: PINGONE_CAPABILITIES,
	userIdPlaceholder: '5c1f0b2e-7d43-4f4a-9a8e-0c2b6e1d9f10',
	groupIdPlaceholder: '6a2e1c3d-8b54-4a5b-8b9f-1d3c7f2e0a21',
	anchorOption: {
		property: anchorOption,
		read: (options) => (options.anchorField === 'none' ? 'none' : 'externalId'),
	},
	sampleProfile: {
		attributes: {
			email: '{{ idp.email }}',
			givenName: '{{ idp.givenName }}',
			familyName: '{{ idp.familyName }}',
			externalId: '{{ idp.id }}',
		},
	},
	groupOptions: [groupCacheMaxAgeOption],
};

/** The PingOne user fields Create or Update offers. */
export const PINGONE_USER_FIELDS: INodeProperties[] = [
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'e.g. nathan@example.com', default: '' },
	{ displayName: 'Family Name', name: 'familyName', type: 'string', default: '' },
	{
		displayName: 'Formatted Name',
		name: 'formattedName',
		type: 'string',
		default: '',
		description: 'The full name as displayed, e.g. Jane Doe',
	},
	{ displayName: 'Given Name', name: 'givenName', type: 'string', default: '' },
	{ displayName: 'Locale', name: 'locale', type: 'string', placeholder: 'e.g. en-US', default: '' },
	{ displayName: 'Mobile Phone', name: 'mobilePhone', type: 'string', placeholder: 'e.g. +15555550100', default: '' },
	{ displayName: 'Nickname', name: 'nickname', type: 'string', default: '' },
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		default: 'active',
		options: [
			{ name: 'Active', value: 'active', description: 'The user can sign on' },
			{ name: 'Disabled', value: 'disabled', description: 'The user cannot sign on' },
		],
	},
	{ displayName: 'Title', name: 'title', type: 'string', default: '' },
];
