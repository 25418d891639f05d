import type { INodeProperties } from 'n8n-workflow';

import { REGISTRATION_KEY_FIELD } from './webhookSecret';

/** The credential field automatic registration derives delivery secrets from; `apiSecret` names the fallback. */
export function registrationKeyProperty(apiSecret: string): INodeProperties {
	return {
		displayName: 'Automatic Registration Key',
		name: REGISTRATION_KEY_FIELD,
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description: `Optional. Automatic registration derives the secret the identity provider presents with every delivery from this key and the trigger's workflow ID, node ID and webhook path (HMAC-SHA256), so any n8n process can check deliveries and the secret is stored nowhere. Empty: the ${apiSecret} is the key. Changing the key (or, while it is empty, the ${apiSecret}) invalidates registered hooks: deliveries are refused until the workflow is re-published or n8n restarts, which registers them again. A long random value you never change avoids that.`,
	};
}
