import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';

import { rsaRequest, rsaSearchAllUsers } from '../../../nodes/RsaSecurId/transport/request';
import {
	accessKeyObject,
	adminApiJwt,
	JWT_LIFETIME_SECONDS,
} from '../../../nodes/RsaSecurId/transport/jwt';
import { signAdminRequest } from '../../../nodes/RsaSecurId/transport/signedRequest';
import type { FakeRsa } from '../../../sandbox/rsa/server';
import { rejection } from '../../helpers/nodeProbe';
import { FAST, inRsaNode, rsaCredentials, startFakeRsa } from '../helpers';

const SEED = {
	users: [
		{
			emailAddress: 'ann@example.com',
			devices: [{ type: 'RSA_AUTHENTICATOR' }, { type: 'SECURID_700', hardware: true }],
		},
		{ emailAddress: 'bob@example.com', userStatus: 'Disabled' as const },
	],
};

describe('RSA JWT signing', () => {
	let fake: FakeRsa;
	beforeAll(async () => {
		fake = await startFakeRsa();
	});
	afterAll(async () => await fake.close());

	it('signs RS256 with sub, aud, iat and a short exp, verifiable with the public half', () => {
		const now = Date.parse('2026-03-01T12:00:00Z');
		const token = adminApiJwt(
			{
				accessId: ' id-1 ',
				accessKey: fake.accessKey,
				audience: 'https://t.example/AdminInterface/restapi',
			},
			now,
		);
		const [header, claims, signature] = token.split('.');
		expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({
			typ: 'JWT',
			alg: 'RS256',
		});
		expect(JSON.parse(Buffer.from(claims, 'base64url').toString())).toEqual({
			sub: 'id-1',
			iat: now / 1000,
			exp: now / 1000 + JWT_LIFETIME_SECONDS,
			aud: 'https://t.example/AdminInterface/restapi',
		});
		const publicKey = createPublicKey(accessKeyObject(fake.accessKey));
		expect(
			verify(
				'sha256',
				Buffer.from(`${header}.${claims}`),
				publicKey,
				Buffer.from(signature, 'base64url'),
			),
		).toBe(true);
	});

	it('reads a PEM pasted with \\n escapes and refuses what is not an RSA private key', () => {
		const escaped = fake.accessKey.replace(/\n/g, '\\n');
		expect(accessKeyObject(escaped).asymmetricKeyType).toBe('rsa');
		expect(() => accessKeyObject('not a key')).toThrow(
			'The Access Key of the RSA SecurID credential is not a private key in PEM format',
		);
		const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
			.privateKey.export({ type: 'pkcs8', format: 'pem' })
			.toString();
		expect(() => accessKeyObject(ec)).toThrow('must be an RSA private key');
	});

	it('resolves paths under the Admin REST API URL and keeps the token on that host', () => {
		const credentials = rsaCredentials(fake);
		const signed = signAdminRequest(credentials, {
			method: 'POST',
			url: '/v1/users/lookup',
			body: { email: 'a' },
		});
		expect(signed.url).toBe(`${fake.adminRestApiUrl}/v1/users/lookup`);
		expect(signed.headers).toMatchObject({
			'Content-Type': 'application/json',
			Authorization: expect.stringMatching(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/),
		});
		expect(() =>
			signAdminRequest(credentials, { url: 'https://other.example/AdminInterface/restapi/v1/x' }),
		).toThrow('Refusing to send the RSA SecurID token outside the Admin REST API URL');
		expect(() =>
			signAdminRequest({ ...credentials, adminRestApiUrl: 'tenant.example' }, { url: '/v1/x' }),
		).toThrow('must start with https://');
	});
});

describe('RSA transport', () => {
	let fake: FakeRsa;
	let credentials: Record<string, string>;
	beforeEach(async () => {
		fake = await startFakeRsa({ seed: SEED });
		credentials = rsaCredentials(fake);
	});
	afterEach(async () => await fake.close());

	const lookup = (email: string, retry = FAST) =>
		inRsaNode(
			credentials,
			async (ctx) =>
				await rsaRequest<any>(ctx, {
					method: 'POST',
					path: '/v1/users/lookup',
					body: { email },
					intent: 'read',
					allowNotFound: true,
					retry,
				}),
		);

	it("signs every request through the credential in n8n's context", async () => {
		const ann = await lookup('ann@example.com');
		expect(ann?.body.emailAddress).toBe('ann@example.com');
		expect(await lookup('nobody@example.com')).toBeUndefined();
		expect(fake.calls.map((call) => [call.auth, call.status])).toEqual([
			['jwt', 200],
			['jwt', 404],
		]);
	});

	it("reports a refused token once, with RSA's message and a hint, never the key", async () => {
		const stale = fake.accessKey;
		fake.rotateKey();
		const error = await rejection(
			inRsaNode(
				{ ...credentials, privateKey: stale },
				async (ctx) =>
					await rsaRequest(ctx, { method: 'GET', path: '/v2/users/x/devices', retry: FAST }),
			),
		);
		expect(error.message).toBe(
			'RSA SecurID: Server failed to process provided access token [Forbidden]',
		);
		expect(error.description).toMatch(
			/^GET \/v2\/users\/x\/devices returned HTTP 403\. RSA refused the signed token/,
		);
		const keyBody = stale.split('\n')[1];
		expect(
			JSON.stringify({ ...error, message: error.message, description: error.description }),
		).not.toContain(keyBody);
		expect(fake.calls).toHaveLength(1);
	});

	it('fails before sending anything when the Access Key is not a PEM key', async () => {
		const error = await rejection(
			inRsaNode(
				{ ...credentials, privateKey: 'garbage' },
				async (ctx) =>
					await rsaRequest(ctx, { method: 'GET', path: '/v2/users/x/devices', retry: FAST }),
			),
		);
		expect(error.message).toContain('is not a private key in PEM format');
		expect(fake.calls).toHaveLength(0);
	});

	it('retries 429, 5xx, dropped connections and timeouts, and never other 4xx', async () => {
		fake.injectFaults({ status: 429, count: 1, route: 'POST /v1/users/lookup' });
		fake.injectFaults({ status: 503, count: 1, route: 'POST /v1/users/lookup' });
		fake.injectFaults({ drop: true, count: 1, route: 'POST /v1/users/lookup' });
		fake.injectFaults({ delayMs: 600, count: 1, route: 'POST /v1/users/lookup' });
		const found = await lookup('ann@example.com', { ...FAST, timeoutMs: 200 });
		expect(found?.body.emailAddress).toBe('ann@example.com');
		expect(fake.calls.map((call) => call.fault)).toEqual([
			'429',
			'503',
			'dropped',
			'delayed 600 ms',
			undefined,
		]);
		fake.resetCounts();
		const conflict = await rejection(
			inRsaNode(
				credentials,
				async (ctx) =>
					await rsaRequest(ctx, {
						method: 'DELETE',
						path: `/v1/users/${fake.snapshot().users[0].id}`,
						retry: FAST,
					}),
			),
		);
		expect(conflict.message).toMatch(
			/^RSA SecurID: User .* is enabled or pending deletion \[409 CONFLICT\]$/,
		);
		expect(conflict.description).toContain(
			'must be disabled before it is marked deleted or deleted',
		);
		expect(fake.calls).toHaveLength(1);
	});

	it("gives up after the budget with RSA's error body", async () => {
		fake.injectFaults({ status: 500, route: 'POST /v1/users/lookup' });
		const error = await rejection(lookup('ann@example.com'));
		expect(error.message).toBe(
			'RSA SecurID: An internal error occurred. [500 INTERNAL_SERVER_ERROR]',
		);
		expect(error.description).toMatch(
			/^POST \/v1\/users\/lookup returned HTTP 500 after 3 attempts\./,
		);
	});

	it('reads "not found" as done for a DELETE retried after the first attempt took effect', async () => {
		const ann = fake.snapshot().users[0];
		fake.injectFaults({
			drop: true,
			count: 1,
			route: 'DELETE /v1/users/:id/devices/:id',
			afterApply: true,
		});
		const result = await inRsaNode(
			credentials,
			async (ctx) =>
				await rsaRequest(ctx, {
					method: 'DELETE',
					path: `/v1/users/${ann.id}/devices/${ann.devices[0].id}`,
					retry: FAST,
				}),
		);
		expect(result?.replayed).toBe('notFound');
		expect(fake.snapshot().users[0].devices).toHaveLength(1);
	});

	it('does not read a 404 after a retried lookup as a replay: lookups only read', async () => {
		fake.injectFaults({ status: 500, count: 1, route: 'POST /v1/users/lookup' });
		const error = await rejection(
			inRsaNode(
				credentials,
				async (ctx) =>
					await rsaRequest(ctx, {
						method: 'POST',
						path: '/v1/users/lookup',
						body: { email: 'zed@example.com' },
						intent: 'read',
						retry: FAST,
					}),
			),
		);
		expect(error.httpCode).toBe('404');
	});

	it('pages the v2 user search until a short page', async () => {
		const users = Array.from({ length: 5 }, (_, i) => ({ emailAddress: `p${i}@corp.example` }));
		const many = await startFakeRsa({ seed: { users } });
		const found = await inRsaNode(
			rsaCredentials(many),
			async (ctx) =>
				await rsaSearchAllUsers<{ emailAddress: string }>(ctx, 'corp.example', {
					pageSize: 2,
					retry: FAST,
				}),
		);
		expect(found.map((u) => u.emailAddress)).toEqual(users.map((u) => u.emailAddress));
		expect(many.calls.map((c) => [c.query.pageSize, c.query.pageNumber])).toEqual([
			['2', '0'],
			['2', '1'],
			['2', '2'],
		]);
		await many.close();
	});
});
