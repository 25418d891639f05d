import type { INodeProperties } from 'n8n-workflow';

import type { MfaNodeProvider } from '../../shared/mfa/n8n/provider';
import { RSA_CAPABILITIES } from '../client/capabilities';

/** The RSA SecurID node as the shared MFA operations see it: users named by email address only. */
export const RSA_NODE: MfaNodeProvider = {
	capabilities: RSA_CAPABILITIES,
	userIdPlaceholder: 'e0c4bc1a-5b6f-4f6e-9a31-2d5d8a7c3b90',
	groupIdPlaceholder: '',
	sampleProfile: { username: '{{ idp.email }}', attributes: {} },
	usernameSource: 'email',
	usersById: false,
};

/** Shown above the user operations: what this API key cannot do, and what happens instead. */
export const rsaLimitsNotice: INodeProperties = {
	displayName:
		'RSA SecurID users, their profiles and email addresses come from its identity source, and an Administration API key has no groups: this node enables, disables and deletes users and removes their authenticators, matched by email address. Identity events that would create a user, change a profile or a group are output as skipped, with the reason.',
	name: 'rsaLimitsNotice',
	type: 'notice',
	default: '',
};
