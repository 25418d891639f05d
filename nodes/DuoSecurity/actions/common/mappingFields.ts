import type { INodeProperties } from 'n8n-workflow';

export type MappingSource = 'none' | 'credential' | 'json';

const jsonOption = {
	name: 'JSON in This Node',
	value: 'json',
	description: 'A profile document in the "Mapping Profile" field of this node',
};

const credentialOption = {
	name: 'Sync Profile Credential',
	value: 'credential',
	description:
		'A profile document kept in an IdP Sync Profile API credential: one reviewed document per tenant, shared by every workflow (recommended)',
};

const SAMPLE_PROFILE = `{
  "username": "{{ idp.login }}",
  "attributes": {
    "realname": "{{ idp.displayName }}",
    "email": "{{ idp.email }}",
    "alias1": "{{ idp.id }}"
  },
  "groups": { "include": [], "exclude": [], "rename": {} },
  "rules": []
}`;

const mappingProfileField: INodeProperties = {
	displayName: 'Mapping Profile',
	name: 'mappingProfile',
	type: 'json',
	default: SAMPLE_PROFILE,
	description:
		'A mapping profile, or {"tenants": {"IdP tenant": profile}, "default": profile} to pick a profile by the tenant of the event',
	displayOptions: { show: { mapping: ['json'] } },
};

/**
 * The "Mapping" selector and the in-node profile field. With a profile, the username, Duo fields,
 * groups, rules, deletion and resets follow the profile; its unset parts keep the node's settings.
 */
export const mappingFields: INodeProperties[] = [
	{
		displayName: 'Mapping',
		name: 'mapping',
		type: 'options',
		default: 'none',
		description:
			'Where the mapping profile comes from: username and Duo field templates, group include, exclude and rename, rules that skip users, and what deletion and MFA resets do',
		options: [
			jsonOption,
			{
				name: 'None',
				value: 'none',
				description: 'Map users and groups with the fields and options of this node',
			},
			credentialOption,
		],
	},
	mappingProfileField,
];

/** The mapping fields of Preview Mapping, where a profile is required. */
export const previewMappingFields: INodeProperties[] = [
	{
		displayName: 'Mapping',
		name: 'mapping',
		type: 'options',
		default: 'credential',
		description: 'Where the mapping profile to preview comes from',
		options: [jsonOption, credentialOption],
	},
	mappingProfileField,
];
