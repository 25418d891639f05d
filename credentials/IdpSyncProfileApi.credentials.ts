import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * A mapping profile kept as a credential: one reviewed document per tenant (or a tenant set) that every
 * MFA action node in every workflow can select, shared and permissioned like any credential. It holds
 * no secret; MFA nodes validate it in their credential test.
 */
export class IdpSyncProfileApi implements ICredentialType {
	name = 'idpSyncProfileApi';

	displayName = 'IdP Sync Profile API';

	icon = { light: 'file:../icons/profile.svg', dark: 'file:../icons/profile.dark.svg' } as const;

	documentationUrl =
		'https://github.com/n8n-nodes-idp-mfa-sync/n8n-nodes-idp-mfa-sync#mapping-profiles';

	properties: INodeProperties[] = [
		{
			displayName:
				'A JSON mapping profile: username and attribute templates, group include/exclude/rename, rules, onDelete and reset. Use {"tenants": {"acme.okta.com": {...}}} to hold one profile per IdP tenant, named by its org host, Auth0 domain or Entra tenant ID.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Profile',
			name: 'profile',
			type: 'json',
			typeOptions: { rows: 16 },
			default:
				'{\n  "username": "{{ idp.login }}",\n  "attributes": { "alias1": "{{ idp.id }}" },\n  "groups": { "include": [], "exclude": [], "rename": {} },\n  "rules": [],\n  "onDelete": "delete",\n  "reset": { "factors": "any" }\n}',
			required: true,
		},
	];
}
