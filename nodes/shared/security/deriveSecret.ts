import { createHmac } from 'crypto';

/**
 * A secret for one purpose, derived from `key`: HMAC-SHA256 over the length-prefixed `parts`, as
 * base64url (43 characters). Anyone holding the key recomputes it; without the key it reveals nothing.
 */
export function deriveSecret(key: string, parts: readonly string[]): string {
	const message = parts.map((part) => `${part.length}:${part}`).join('');
	return createHmac('sha256', key).update(message, 'utf8').digest('base64url');
}

/**
 * A short tag that tells later whether the same secret is still in use, without revealing it: safe
 * to store where the secret itself may not be.
 */
export function secretTag(secret: string): string {
	return createHmac('sha256', secret).update('secret tag', 'utf8').digest('hex').slice(0, 16);
}
