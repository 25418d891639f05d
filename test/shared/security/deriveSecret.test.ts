import { deriveSecret, secretTag } from '../../../nodes/shared/security/deriveSecret';

describe('deriveSecret', () => {
	const identity = ['n8n-nodes-idp-mfa-sync delivery secret', 'okta', 'wf1', 'node1', 'hook1', 'events'];

	it('is HMAC-SHA256 as base64url: stable for the same key and identity', () => {
		expect(deriveSecret('key', identity)).toMatch(/^[\w-]{43}$/);
		expect(deriveSecret('key', identity)).toBe(deriveSecret('key', [...identity]));
	});

	it('differs for another key, another workflow, node, webhook or provider', () => {
		const secrets = [
			deriveSecret('key', identity),
			deriveSecret('other key', identity),
			...identity.slice(1).map((_, i) =>
				deriveSecret('key', identity.map((part, j) => (j === i + 1 ? `${part}x` : part))),
			),
		];
		expect(new Set(secrets).size).toBe(secrets.length);
	});

	it('cannot be made equal by moving text between parts', () => {
		expect(deriveSecret('key', ['ab', 'c'])).not.toBe(deriveSecret('key', ['a', 'bc']));
	});

	it('tags a secret without revealing it, the same way each time', () => {
		const secret = deriveSecret('key', identity);
		expect(secretTag(secret)).toMatch(/^[0-9a-f]{16}$/);
		expect(secretTag(secret)).toBe(secretTag(secret));
		expect(secretTag(secret)).not.toBe(secretTag(deriveSecret('other key', identity)));
		expect(secret).not.toContain(secretTag(secret));
	});
});
