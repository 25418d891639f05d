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

/** A starting profile for the provider: its username and attribute templates. */
export interface SampleProfile {
	/** The username template; default the IdP login. */
	username?: string;
	attributes: Record<string, string>;
}

function mappingProfileField(sample: SampleProfile): INodeProperties {
	const profile = {
		username: sample.username ?? '{{ idp.login }}',
		attributes: sample.attributes,
		groups: { include: [], exclude: [], rename: {} },
		rules: [],
	};
	return {
		displayName: 'Mapping Profile',
		name: 'mappingProfile',
		type: 'json',
		default: JSON.stringify(profile, null, 2),
		description:
			'A mapping profile, or {"tenants": {"IdP tenant": profile}, "default": profile} to pick a profile by the tenant of the event',
		displayOptions: { show: { mapping: ['json'] } },
	};
}

/**
 * The "Mapping" selector and the in-node profile field. With a profile, the username, profile
 * fields, groups, rules, deletion and resets follow the profile; its unset parts keep the node's
 * settings.
 */
export function mappingFields(provider: string, sample: SampleProfile): INodeProperties[] {
	return [
		{
			displayName: 'Mapping',
			name: 'mapping',
			type: 'options',
			default: 'none',
			description: `Where the mapping profile comes from: username and ${provider} field templates, group include, exclude and rename, rules that skip users, and what deletion and MFA resets do`,
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
		mappingProfileField(sample),
	];
}

/** The mapping fields of Preview Mapping, where a profile is required. */
export function previewMappingFields(sample: SampleProfile): INodeProperties[] {
	return [
		{
			displayName: 'Mapping',
			name: 'mapping',
			type: 'options',
			default: 'credential',
			description: 'Where the mapping profile to preview comes from',
			options: [jsonOption, credentialOption],
		},
		mappingProfileField(sample),
	];
}
