import type { IdentityEventType } from '../../../shared/model';

const SCHEMAS = 'https://schemas.openid.net/secevent';

/** The full event-type URI of a short key: `caep/credential-change` → `https://schemas…/caep/event-type/credential-change`. */
export function ssfEventUri(key: string): string {
	const [family, name] = key.split('/');
	return `${SCHEMAS}/${family}/event-type/${name}`;
}

/** The short key of an event-type URI of the CAEP, RISC or SSF families; undefined for any other URI. */
export function ssfEventKey(uri: string): string | undefined {
	const match = /^https:\/\/schemas\.openid\.net\/secevent\/(caep|risc|ssf)\/event-type\/([a-z0-9-]+)$/.exec(uri);
	return match ? `${match[1]}/${match[2]}` : undefined;
}

/**
 * CAEP and RISC event types (by short key) and the normalized event each becomes. Registration
 * requests exactly the URIs behind the selected normalized events.
 */
export const SSF_EVENT_MAP = {
	'risc/account-disabled': 'user.suspended',
	'risc/account-enabled': 'user.reactivated',
	'risc/account-purged': 'user.deleted',
	'risc/identifier-changed': 'user.updated',
	'caep/credential-change': 'user.mfa_reset',
	'risc/credential-compromise': 'user.mfa_reset',
} as const satisfies Record<string, IdentityEventType>;

export type SsfEventKey = keyof typeof SSF_EVENT_MAP;

export const SSF_EVENT_NOTES: Partial<Record<SsfEventKey, string>> = {
	'risc/identifier-changed': 'the subject is the old email or phone number, `new-value` the new one',
	'caep/credential-change':
		'`change_type` `revoke` or `delete` only; the credential type becomes the reset factor (`create` and `update` are counted and ignored)',
	'risc/credential-compromise': 'the compromised credential type becomes the reset factor',
};

/** SSF's own events: answered, never emitted. */
export const SSF_VERIFICATION = 'ssf/verification';
export const SSF_STREAM_UPDATED = 'ssf/stream-updated';

export function isSsfEventKey(key: string): key is SsfEventKey {
	return Object.prototype.hasOwnProperty.call(SSF_EVENT_MAP, key);
}

/** The event-type URIs to request for a set of normalized events. */
export function ssfEventsRequestedFor(selected: readonly IdentityEventType[]): string[] {
	const wanted = new Set(selected);
	return (Object.keys(SSF_EVENT_MAP) as SsfEventKey[])
		.filter((key) => wanted.has(SSF_EVENT_MAP[key]))
		.map(ssfEventUri);
}
