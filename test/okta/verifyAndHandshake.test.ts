import { answerOktaHandshake } from '../../nodes/IdpEventTrigger/providers/okta/okta.handshake';
import { verifyOktaRequest } from '../../nodes/IdpEventTrigger/providers/okta/okta.verify';
import { constantTimeEqual } from '../../nodes/shared/security/constantTimeEqual';
import { inbound } from '../helpers/inboundRequest';

const SECRET = 'Zq0-s3cr3t-value-of-some-length';

describe('Okta shared-secret verification truth table', () => {
	it.each([
		['the exact secret', { Authorization: SECRET }, true],
		['a wrong secret of the same length', { Authorization: SECRET.replace('Z', 'Y') }, false],
		['a secret of a different length', { Authorization: `${SECRET}x` }, false],
		['a prefix of the secret', { Authorization: SECRET.slice(0, 5) }, false],
		['an empty header', { Authorization: '' }, false],
		['no Authorization header', {}, false],
		['the secret in another header', { 'X-Okta-Secret': SECRET }, false],
		['the secret with a Bearer prefix', { Authorization: `Bearer ${SECRET}` }, false],
	])('%s → %s', (_label, headers, expected) => {
		expect(verifyOktaRequest(inbound('POST', headers as Record<string, string>, '{}'), SECRET).ok).toBe(expected);
	});

	it('never accepts when no secret is configured', () => {
		expect(constantTimeEqual('', '')).toBe(false);
		expect(constantTimeEqual(undefined, '')).toBe(false);
	});

	it('reports what was presented without the value so logs can say so', () => {
		const result = verifyOktaRequest(inbound('POST', { Authorization: 'nope' }), SECRET);
		expect(result).toEqual({ ok: false, presented: 'nope' });
	});

	it('reads a custom header name', () => {
		expect(verifyOktaRequest(inbound('POST', { 'X-Hook-Key': SECRET }), SECRET, 'x-hook-key').ok).toBe(true);
	});
});

describe('Okta one-time verification handshake', () => {
	it('echoes the challenge as {"verification": …}', () => {
		const reply = answerOktaHandshake(inbound('GET', { 'x-okta-verification-challenge': 'k7Qw2Xb9fYpL3nR8sT1vU4' }));
		expect(reply).toEqual({ status: 200, contentType: 'application/json', body: '{"verification":"k7Qw2Xb9fYpL3nR8sT1vU4"}' });
	});

	it('answers 400 to a GET without the challenge header', () => {
		expect(answerOktaHandshake(inbound('GET'))?.status).toBe(400);
	});

	it('leaves POST deliveries alone', () => {
		expect(answerOktaHandshake(inbound('POST', { 'x-okta-verification-challenge': 'x' }, '{}'))).toBeUndefined();
	});
});
