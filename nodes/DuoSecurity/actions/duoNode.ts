import type { INodeProperties } from 'n8n-workflow';

import type { MfaNodeProvider } from '../../shared/mfa/n8n/provider';
import { DUO_CAPABILITIES } from '../client/capabilities';
import { ALIAS_SLOTS } from '../client/duoObjects';

export const GROUP_CACHE_MAX_AGE_DEFAULT = 60;

export const groupCacheMaxAgeOption: INodeProperties = {
	displayName: 'Group Cache Max Age (Minutes)',
	name: 'groupCacheMaxAge',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: GROUP_CACHE_MAX_AGE_DEFAULT,
	description:
		"How long each n8n process keeps the list of Duo groups (ID, name, description) in memory, so later executions look groups up without listing them. A group name it does not know is always looked up in Duo before a group is created. A group renamed directly in Duo can still be found by its old name until this age is reached. 0 lists groups once per execution.",
};

const aliasSlotOption: INodeProperties = {
	displayName: 'Alias for IdP User ID',
	name: 'aliasSlot',
	type: 'options',
	default: 'alias1',
	description:
		'The Duo alias that keeps the IdP user ID with its tenant (e.g. idp:okta:acme.okta.com/00u1abcd), so a user renamed in the IdP is found and renamed in Duo instead of duplicated. Only this alias is written; the other aliases are left alone. With a mapping profile, the alias attributes of the profile apply instead.',
	options: [
		{ name: 'Alias 1', value: 'alias1' },
		{ name: 'Alias 2', value: 'alias2' },
		{ name: 'Alias 3', value: 'alias3' },
		{ name: 'Alias 4', value: 'alias4' },
		{ name: 'None', value: 'none', description: 'Do not store the IdP user ID; match by username only' },
	],
};

/** The Duo node as the shared MFA operations see it. */
export const DUO_NODE: MfaNodeProvider = {
	capabilities: DUO_CAPABILITIES,
	userIdPlaceholder: 'DU3RP9I2WOC59VZX672N',
	groupIdPlaceholder: 'DGXXXXXXXXXXXXXXXXXX',
	anchorOption: {
		property: aliasSlotOption,
		read: (options) => {
			const slot = String(options.aliasSlot ?? 'alias1');
			return slot === 'none' || (ALIAS_SLOTS as readonly string[]).includes(slot) ? slot : 'alias1';
		},
	},
	sampleProfile: {
		attributes: { realname: '{{ idp.displayName }}', email: '{{ idp.email }}', alias1: '{{ idp.id }}' },
	},
	groupOptions: [groupCacheMaxAgeOption],
};

/** The Duo user fields Create or Update offers. */
export const DUO_USER_FIELDS: INodeProperties[] = [
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'e.g. nathan@example.com', default: '' },
	{ displayName: 'First Name', name: 'firstname', type: 'string', default: '' },
	{ displayName: 'Last Name', name: 'lastname', type: 'string', default: '' },
	{ displayName: 'Notes', name: 'notes', type: 'string', default: '' },
	{ displayName: 'Real Name', name: 'realname', type: 'string', default: '' },
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		default: 'active',
		options: [
			{ name: 'Active', value: 'active', description: 'The user must complete MFA' },
			{ name: 'Bypass', value: 'bypass', description: 'The user skips MFA' },
			{ name: 'Disabled', value: 'disabled', description: 'The user cannot sign in' },
		],
	},
];
