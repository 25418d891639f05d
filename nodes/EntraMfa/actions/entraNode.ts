import type { INodeProperties } from 'n8n-workflow';

import { groupCacheMaxAgeOption } from '../../shared/mfa/n8n/groupCache';
import type { MfaNodeProvider } from '../../shared/mfa/n8n/provider';
import { ENTRA_CAPABILITIES } from '../client/capabilities';
import { EXTENSION_ATTRIBUTES } from '../client/entraView';

const anchorOption: INodeProperties = {
	displayName: 'Extension Attribute for IdP User ID',
	name: 'anchorAttribute',
	type: 'options',
	default: 'extensionAttribute1',
	description:
		"The extension attribute (onPremisesExtensionAttributes) that keeps the IdP user ID with its tenant, so a user renamed in the IdP is found and renamed in Entra ID instead of duplicated. Only this attribute is written; it is writable for cloud-only users. With a mapping profile, the profile's attributes apply instead.",
	options: [
		{ name: 'Extension Attribute 1', value: 'extensionAttribute1' },
		{ name: 'Extension Attribute 10', value: 'extensionAttribute10' },
		{ name: 'Extension Attribute 11', value: 'extensionAttribute11' },
		{ name: 'Extension Attribute 12', value: 'extensionAttribute12' },
		{ name: 'Extension Attribute 13', value: 'extensionAttribute13' },
		{ name: 'Extension Attribute 14', value: 'extensionAttribute14' },
		{ name: 'Extension Attribute 15', value: 'extensionAttribute15' },
		{ name: 'Extension Attribute 2', value: 'extensionAttribute2' },
		{ name: 'Extension Attribute 3', value: 'extensionAttribute3' },
		{ name: 'Extension Attribute 4', value: 'extensionAttribute4' },
		{ name: 'Extension Attribute 5', value: 'extensionAttribute5' },
		{ name: 'Extension Attribute 6', value: 'extensionAttribute6' },
		{ name: 'Extension Attribute 7', value: 'extensionAttribute7' },
		{ name: 'Extension Attribute 8', value: 'extensionAttribute8' },
		{ name: 'Extension Attribute 9', value: 'extensionAttribute9' },
		{ name: 'None', value: 'none', description: 'Do not store the IdP user ID; match by userPrincipalName only' },
	],
};

/** The Entra ID MFA node as the shared MFA operations see it. */
export const ENTRA_NODE: MfaNodeProvider = {
	capabilities: ENTRA_CAPABILITIES,
	userIdPlaceholder: '4d147cc8-10cb-4158-ac52-90ee8ff9d846',
	groupIdPlaceholder: '0bc7d487-fd6f-41a0-8362-71ec81074f11',
	anchorOption: {
		property: anchorOption,
		read: (options) => {
			const field = String(options.anchorAttribute ?? 'extensionAttribute1');
			return field === 'none' || EXTENSION_ATTRIBUTES.includes(field) ? field : 'extensionAttribute1';
		},
	},
	sampleProfile: {
		attributes: {
			givenName: '{{ idp.givenName }}',
			surname: '{{ idp.familyName }}',
			displayName: '{{ idp.displayName }}',
			extensionAttribute1: '{{ idp.id }}',
		},
	},
	groupOptions: [groupCacheMaxAgeOption('Entra ID')],
};

/** The Entra ID user properties Create or Update offers. */
export const ENTRA_USER_FIELDS: INodeProperties[] = [
	{ displayName: 'Department', name: 'department', type: 'string', default: '' },
	{ displayName: 'Display Name', name: 'displayName', type: 'string', default: '' },
	{ displayName: 'Employee ID', name: 'employeeId', type: 'string', default: '' },
	{ displayName: 'Given Name', name: 'givenName', type: 'string', default: '' },
	{ displayName: 'Job Title', name: 'jobTitle', type: 'string', default: '' },
	{ displayName: 'Mail', name: 'mail', type: 'string', placeholder: 'e.g. nathan@example.com', default: '' },
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		default: 'active',
		options: [
			{ name: 'Active', value: 'active', description: 'The user can sign in (accountEnabled true)' },
			{ name: 'Disabled', value: 'disabled', description: 'The user cannot sign in (accountEnabled false); its sign-in sessions are revoked' },
		],
	},
	{ displayName: 'Surname', name: 'surname', type: 'string', default: '' },
];
