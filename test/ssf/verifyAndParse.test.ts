import { readWindow, recordSeen } from '../../nodes/IdpEventTrigger/pipeline/dedupe';
import { processDelivery } from '../../nodes/IdpEventTrigger/pipeline/processDelivery';
import { ssfSource } from '../../nodes/IdpEventTrigger/providers/ssf/ssf.source';
import { isOwnVerificationState, verificationState } from '../../nodes/IdpEventTrigger/providers/ssf/ssf.verification';
import { seededRandom } from '../helpers/seededRandom';
import { AUDIENCE, NOW, context, fixtureClaims, prepared, push, signed } from './support/sets';

const run = (token: string, overrides: Parameters<typeof context>[0] = {}, headers: Record<string, string> = {}) =>
	processDelivery(ssfSource, push(token, headers), context(overrides));

function refusal(result: ReturnType<typeof run>) {
	expect(result.kind).toBe('rejected');
	return { status: result.reply.status, ...JSON.parse(result.reply.body) } as { status: number; err: string; description: string };
}

describe('Shared Signals push delivery (RFC 8935): validation and replies', () => {
	const good = () => fixtureClaims('risc.account-disabled');

	it('acknowledges a valid SET with 202 and an empty body (RFC 8935 §2.2)', () => {
		const result = run(signed(good()));
		expect(result.kind).toBe('accepted');
		expect(result.reply).toEqual({ status: 202, contentType: undefined, body: '' });
	});

	it('answers a refusal with 400, the error JSON and Content-Language (RFC 8935 §2.3)', () => {
		const result = run(signed({ ...good(), iss: 'https://elsewhere.test' }));
		expect(result.reply).toEqual({
			status: 400,
			contentType: 'application/json',
			headers: { 'Content-Language': 'en' },
			body: JSON.stringify({
				err: 'invalid_issuer',
				description: 'The SET was issued by "https://elsewhere.test", not by the transmitter "https://tx.example.test"',
			}),
		});
	});

	it.each([
		['a wrong issuer', 'invalid_issuer', () => signed({ ...good(), iss: 'https://tx.example.test/' }), /issued by/],
		['a wrong audience', 'invalid_audience', () => signed({ ...good(), aud: 'https://someone-else.test' }), /addressed to "https:\/\/someone-else\.test"/],
		['no audience', 'invalid_audience', () => signed({ ...good(), aud: undefined }), /has no aud claim/],
		['an audience differing by a trailing slash', 'invalid_audience', () => signed({ ...good(), aud: `${AUDIENCE}/` }), /addressed to/],
		['an iat older than the duplicate window', 'invalid_request', () => signed({ ...good(), iat: Math.floor(NOW / 1000) - 25 * 3600 }), /more than 1440 minutes ago/],
		['an iat ten minutes in the future', 'invalid_request', () => signed({ ...good(), iat: Math.floor(NOW / 1000) + 600 }), /in the future/],
		['a sub claim', 'invalid_request', () => signed({ ...good(), sub: 'x' }), /has a sub claim/],
		['an exp claim', 'invalid_request', () => signed({ ...good(), exp: Math.floor(NOW / 1000) + 60 }), /has an exp claim/],
		['no jti', 'invalid_request', () => signed({ ...good(), jti: undefined }), /jti: Required/],
		['empty events', 'invalid_request', () => signed({ ...good(), events: {} }), /events claim of the SET is empty/],
		['a JWT that is no SET (typ JWT)', 'invalid_request', () => signed(good(), { header: { typ: 'JWT' } }), /typ "JWT"/],
		['a SET without typ', 'invalid_request', () => signed(good(), { header: { typ: null } }), /typ null/],
		['a credential-change without change_type', 'invalid_request', () => signed(fixtureClaims('caep.credential-change.revoke', { events: { 'https://schemas.openid.net/secevent/caep/event-type/credential-change': { credential_type: 'app' } } })), /change_type undefined/],
		['a payload nested 100 deep', 'invalid_request', () => signed({ ...good(), trace: JSON.parse(`${'['.repeat(100)}${']'.repeat(100)}`) }), /SET payload nests/],
		['alg none', 'invalid_key', () => signed(good(), { forge: 'none' }), /alg "none"/],
		['HS256 keyed with the public key', 'invalid_key', () => signed(good(), { forge: 'hs256' }), /HS256/],
	])('refuses %s with 400 %s', (_label, err, token, description) => {
		expect(refusal(run(token()))).toEqual({ status: 400, err, description: expect.stringMatching(description) });
	});

	it('accepts the SET when any of an array audience names this receiver, and an explicit application/ typ', () => {
		expect(run(signed({ ...good(), aud: ['https://web.test', AUDIENCE] })).kind).toBe('accepted');
		expect(run(signed(good(), { header: { typ: 'application/secevent+jwt' } })).kind).toBe('accepted');
	});

	it('refuses every SET with invalid_audience, and says why, when the receiver knows no audience', () => {
		const result = run(signed(good()), { prepared: prepared({ audiences: [], noAudienceReason: "set the credential's Audience" }) });
		expect(refusal(result)).toMatchObject({ err: 'invalid_audience', description: expect.stringMatching(/knows no audience to expect: set the credential's Audience/) });
	});

	it('uses the duplicate window as the maximum age, so a replay it would forget is refused', () => {
		const claims = { ...good(), iat: Math.floor(NOW / 1000) - 2 * 3600 };
		expect(run(signed(claims), { prepared: prepared({ maxAgeMs: 3 * 3600_000 }) }).kind).toBe('accepted');
		expect(refusal(run(signed(claims), { prepared: prepared({ maxAgeMs: 3600_000 }) })).err).toBe('invalid_request');
	});

	it('checks the signature before the claims: a forged SET with a wrong issuer is invalid_key', () => {
		expect(refusal(run(signed({ ...good(), iss: 'https://evil.test' }, { forge: 'foreign' }))).err).toBe('invalid_key');
	});

	it('suppresses a second SET with the same jti within the duplicate window, still answering 202', () => {
		const claims = good();
		const staticData: Record<string, unknown> = {};
		recordSeen(staticData, readWindow(staticData), [claims.jti], NOW - 1000);
		const again = run(signed(claims), { window: () => readWindow(staticData) });
		expect(again.reply.status).toBe(202);
		expect(again.kind === 'accepted' && again.summary).toMatchObject({ emitted: 0, duplicates: 1 });
	});

	it('requires the Authorization header when a secret is configured: authentication_failed otherwise', () => {
		const secrets = { secrets: ['s3cret-value'], secretOptional: false };
		expect(refusal(run(signed(good()), secrets))).toMatchObject({ status: 400, err: 'authentication_failed' });
		expect(refusal(run(signed(good()), secrets, { Authorization: 'Bearer wrong' })).err).toBe('authentication_failed');
		expect(run(signed(good()), secrets, { Authorization: 'Bearer s3cret-value' }).kind).toBe('accepted');
		expect(run(signed(good()), secrets, { Authorization: 's3cret-value' }).kind).toBe('accepted');
	});

	it('refuses a user login that is not well-formed Unicode, naming the field', () => {
		const claims = fixtureClaims('risc.account-enabled', { sub_id: { format: 'email', email: 'jane\ud800@example.com' } });
		expect(refusal(run(signed(claims)))).toMatchObject({ err: 'invalid_request', description: expect.stringMatching(/^The text at user\.id of event/) });
	});

	describe('verification events (SSF 1.0 §8.1.4)', () => {
		const secret = 'derived-delivery-secret';
		const verification = (state?: string) =>
			fixtureClaims('ssf.verification', { events: { 'https://schemas.openid.net/secevent/ssf/event-type/verification': state === undefined ? {} : { state } } });
		const checking = { prepared: prepared({ isOwnState: (state: string) => isOwnVerificationState(secret, state) }) };

		it('accepts a state this receiver asked for, and one the transmitter sent unasked (no state)', () => {
			expect(run(signed(verification(verificationState(secret))), checking).reply.status).toBe(202);
			expect(run(signed(verification()), checking).reply.status).toBe(202);
		});

		it('refuses a state it did not ask for with invalid_state', () => {
			expect(refusal(run(signed(verification('VGhpcyBpcyBhbiBleGFtcGxlIHN0YXRlIHZhbHVlLgo=')), checking))).toMatchObject({ status: 400, err: 'invalid_state' });
			expect(refusal(run(signed(verification(verificationState('another-secret'))), checking)).err).toBe('invalid_state');
		});
	});
});

describe('Shared Signals push delivery: hostile and mutated SETs', () => {
	it('keeps members named like Object.prototype members plain: __proto__ as an event type or in a subject changes nothing', () => {
		const claims = JSON.parse(
			JSON.stringify(fixtureClaims('risc.account-enabled')).replace(
				'"events":{',
				'"events":{"__proto__":{"subject":{"format":"opaque","id":"smuggled"}},',
			),
		);
		const result = run(signed(claims));
		expect(result.kind === 'accepted' && result.events.map((event) => ('user' in event ? event.user.id : undefined))).toEqual(['foo@example.com']);
		const withSubject = JSON.parse(
			JSON.stringify(fixtureClaims('risc.account-enabled', { sub_id: undefined })).replace(
				'"account-enabled":{}',
				'"account-enabled":{"__proto__":{"subject":{"format":"opaque","id":"smuggled"}}}',
			),
		);
		const ignored = run(signed(withSubject));
		expect(ignored.kind === 'accepted' && Object.entries(ignored.summary.ignored)).toEqual([['risc/account-enabled (the subject names no user)', 1]]);
	});

	/** What a token signs and its signature, as bytes (base64url may spell the same bytes two ways). */
	const decoded = (token: string) => token.trim().split('.').map((segment) => Buffer.from(segment, 'base64url').toString('hex'));

	it('answers 10,000 mutated SETs with 202 or 400, never throwing and never accepting changed content', () => {
		const random = seededRandom(8935);
		const token = signed(fixtureClaims('caep.credential-change.revoke'));
		const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ \u0000\ud800';
		const statuses = new Map<number, number>();
		for (let i = 0; i < 10_000; i++) {
			const chars = [...token];
			const mutations = 1 + Math.floor(random() * 4);
			for (let m = 0; m < mutations; m++) {
				const at = Math.floor(random() * chars.length);
				const kind = random();
				if (kind < 0.4) chars[at] = alphabet[Math.floor(random() * alphabet.length)];
				else if (kind < 0.7) chars.splice(at, 1);
				else chars.splice(at, Math.floor(random() * 40));
			}
			const mutated = chars.join('');
			const result = run(mutated);
			statuses.set(result.reply.status, (statuses.get(result.reply.status) ?? 0) + 1);
			if (result.reply.status === 202) expect(decoded(mutated)).toEqual(decoded(token));
		}
		expect([...statuses.keys()].sort()).toEqual(expect.arrayContaining([400]));
		expect([...statuses.keys()].every((status) => status === 202 || status === 400)).toBe(true);
	});
});
