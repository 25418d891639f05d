import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { KEYS_FRESH_FOR_MS } from '../../nodes/IdpEventTrigger/credentialKeys';
import { IDENTITY_EVENT_TYPES, IdentityEventSchema, type IdentityEventType } from '../../nodes/shared/model';
import { ssfEventsRequestedFor } from '../../nodes/IdpEventTrigger/providers/ssf/ssf.eventMap';
import type { SsfStreamState } from '../../nodes/IdpEventTrigger/providers/ssf/ssf.state';
import { startFakeOkta, type FakeOkta } from '../../sandbox/okta/server';
import { startFakeTransmitter, type FakeTransmitter } from '../../sandbox/ssf/server';
import type { HostedTrigger } from '../helpers/triggerHost';
import { ssfFixture } from './support/fixtures';
import { ssfBench, type Credentials } from './support/ssfBench';
import { createStreamAt } from './support/streams';

const JANE = { format: 'email', email: 'jane.doe@acme.test' };
const REVOKE = { credential_type: 'app', change_type: 'revoke', friendly_name: 'Duo Mobile' };

describe('IdP Event Trigger with Shared Signals, through n8n-core contexts and a fake SSF transmitter over HTTP', () => {
	let transmitter: FakeTransmitter;
	let credentials: Credentials;
	const bench = ssfBench(() => credentials);

	beforeEach(async () => {
		transmitter = await startFakeTransmitter({ issuerPath: '/tenants/acme' });
		credentials = { ssfTransmitterApi: { issuer: transmitter.issuer, apiToken: transmitter.apiToken } };
	});
	afterEach(async () => {
		await bench.close();
		await transmitter.close();
	});

	const automatic = (events: IdentityEventType[] = [...IDENTITY_EVENT_TYPES], extra: INodeParameters = {}): INodeParameters => ({
		provider: 'ssf',
		registration: 'automatic',
		events,
		options: { enrich: false },
		...extra,
	});
	const publish = async (parameters: INodeParameters) => {
		const staticData: IDataObject = {};
		const hosted = await bench.host(parameters, staticData);
		expect(await bench.hook(parameters, staticData, hosted.url, 'checkExists')).toBe(false);
		expect(await bench.hook(parameters, staticData, hosted.url, 'create')).toBe(true);
		const state = staticData as SsfStreamState;
		const stream = transmitter.streams.get(state.ssfStreamId ?? '');
		if (!stream) throw new Error('no stream was created');
		return { staticData, hosted, state, stream };
	};
	const items = (hosted: HostedTrigger) => hosted.emitted.flat().map((item) => IdentityEventSchema.parse(item));

	describe('automatic registration', () => {
		it('creates a push stream for the selected events with a derived authorization header, and the verification event arrives', async () => {
			const { staticData, hosted, state, stream } = await publish(automatic(['user.suspended', 'user.mfa_reset']));
			expect(stream).toMatchObject({
				iss: transmitter.issuer,
				delivery: { method: 'urn:ietf:rfc:8935', endpoint_url: hosted.url },
				events_requested: ssfEventsRequestedFor(['user.suspended', 'user.mfa_reset']),
				description: 'n8n IdP MFA Sync: Shared Signals to Duo',
				status: 'enabled',
			});
			const header = String(stream.delivery.authorization_header);
			expect(header).toMatch(/^Bearer [\w-]{43}$/);
			expect(state).toEqual({ ssfStreamId: stream.stream_id, ssfAudience: [stream.aud], ssfEventsRequested: stream.events_requested, secretTag: expect.any(String) });
			expect(JSON.stringify(staticData)).not.toContain(header.slice('Bearer '.length));
			await transmitter.settled();
			expect(transmitter.deliveries).toEqual([expect.objectContaining({ kind: 'verification', status: 202, attempts: 1, body: '' })]);
			expect(hosted.emitted).toEqual([]);
			expect(await bench.hook(automatic(['user.suspended', 'user.mfa_reset']), staticData, hosted.url, 'checkExists')).toBe(true);
		});

		it('registers again when the selection, the stream or its status changed at the transmitter', async () => {
			const parameters = automatic(['user.suspended']);
			const { staticData, hosted, stream } = await publish(parameters);
			expect(await bench.hook(automatic(['user.suspended', 'user.deleted']), staticData, hosted.url, 'checkExists')).toBe(false);
			stream.status = 'paused';
			expect(await bench.hook(parameters, staticData, hosted.url, 'checkExists')).toBe(false);
			expect(await bench.hook(parameters, staticData, hosted.url, 'create')).toBe(true);
			expect(transmitter.streams.get(stream.stream_id)?.status).toBe('enabled');
			expect(transmitter.streams.size).toBe(1);
			transmitter.streams.delete(stream.stream_id);
			expect(await bench.hook(parameters, staticData, hosted.url, 'checkExists')).toBe(false);
			expect(staticData).toEqual({});
		});

		it('emits the events the transmitter pushes, one execution per SET, and suppresses a redelivered jti', async () => {
			const { hosted, stream } = await publish(automatic());
			expect(await transmitter.emit(stream.stream_id, 'risc/account-disabled', { reason: 'hijacking' }, JANE)).toMatchObject({ status: 202, body: '' });
			expect(await transmitter.emit(stream.stream_id, 'caep/credential-change', REVOKE, JANE)).toMatchObject({ status: 202 });
			expect(await transmitter.emit(stream.stream_id, 'caep/session-revoked', {}, JANE)).toMatchObject({ filtered: true });
			const unrequested = transmitter.sign(transmitter.claimsFor(stream.stream_id, 'caep/session-revoked', {}, JANE));
			expect(await transmitter.push(stream.stream_id, unrequested)).toMatchObject({ status: 202 });
			expect(items(hosted).map((event) => [event.type, 'user' in event ? event.user.login : undefined])).toEqual([
				['user.suspended', 'jane.doe@acme.test'],
				['user.mfa_reset', 'jane.doe@acme.test'],
			]);
			expect(items(hosted)[1]).toMatchObject({ mfa: { all: false, factors: [{ type: 'app', name: 'Duo Mobile' }] }, enrichment: { status: 'off' } });

			transmitter.injectPushFaults({ lost: 'response' });
			const lost = await transmitter.emit(stream.stream_id, 'risc/account-enabled', {}, JANE);
			expect(lost).toMatchObject({ status: 202, attempts: 2 });
			expect(hosted.calls.slice(-2).map((call) => call.status)).toEqual([202, 202]);
			expect(items(hosted).filter((event) => event.id === lost.jti)).toHaveLength(1);
		});

		describe('signature truth table, pushed by the transmitter over HTTP', () => {
			let setup: Awaited<ReturnType<typeof publish>>;
			beforeEach(async () => {
				setup = await publish(automatic());
			});
			const pushClaims = async (claims: Record<string, unknown>, how?: Parameters<FakeTransmitter['sign']>[1]) =>
				await transmitter.push(setup.stream.stream_id, transmitter.sign(claims, how));
			const claims = (overrides: Record<string, unknown> = {}) =>
				transmitter.claimsFor(setup.stream.stream_id, 'risc/account-disabled', {}, JANE, overrides);

			it.each([
				['RS256', 'RS256'],
				['PS256', 'PS256'],
				['ES256', 'ES256'],
			] as const)('accepts %s', async (_label, alg) => {
				expect(await pushClaims(claims(), { alg })).toMatchObject({ status: 202, attempts: 1 });
				expect(items(setup.hosted)).toHaveLength(1);
			});

			it.each([
				['a key outside the JWKS', 'invalid_key', () => ({ how: { forge: 'foreign' as const } })],
				['alg none', 'invalid_key', () => ({ how: { forge: 'none' as const } })],
				['HS256 keyed with the public key', 'invalid_key', () => ({ how: { forge: 'hs256' as const } })],
				['an expired SET', 'invalid_request', () => ({ overrides: { iat: Math.floor(Date.now() / 1000) - 2 * 86_400 } })],
				['a wrong audience', 'invalid_audience', () => ({ overrides: { aud: 'https://other-receiver.test' } })],
				['a wrong issuer', 'invalid_issuer', () => ({ overrides: { iss: 'https://impostor.test' } })],
			])('refuses %s with 400 %s, starting nothing and writing no static data', async (_label, err, make) => {
				const { how, overrides } = make() as { how?: Parameters<FakeTransmitter['sign']>[1]; overrides?: Record<string, unknown> };
				const before = JSON.stringify(setup.staticData);
				const reply = await pushClaims(claims(overrides), how);
				expect(reply).toMatchObject({ status: 400, attempts: 1, err, contentType: expect.stringMatching(/^application\/json\b/), contentLanguage: 'en' });
				expect(items(setup.hosted)).toEqual([]);
				expect(JSON.stringify(setup.staticData)).toBe(before);
			});

			it('fetches the JWKS again for an unknown kid after a rotation, once, and refuses a kid that stays unknown', async () => {
				const jwksFetches = () => transmitter.requests.filter((request) => request.path === '/ssf/jwks.json').length;
				expect(await pushClaims(claims())).toMatchObject({ status: 202 });
				const before = jwksFetches();
				transmitter.rotateKeys();
				expect(await pushClaims(claims())).toMatchObject({ status: 202 });
				expect(jwksFetches()).toBe(before + 1);
				expect(await pushClaims(claims())).toMatchObject({ status: 202 });
				expect(jwksFetches()).toBe(before + 1);
				await new Promise((resolve) => setTimeout(resolve, 1100));
				const unknown = await pushClaims(claims(), { header: { kid: 'never-published' } });
				expect(unknown).toMatchObject({ status: 400, err: 'invalid_key', description: expect.stringMatching(/"never-published"/) });
				expect(jwksFetches()).toBe(before + 2);
				expect(await pushClaims(claims(), { header: { kid: 'never-published' } })).toMatchObject({ status: 400 });
				expect(jwksFetches()).toBe(before + 2);
				expect(items(setup.hosted)).toHaveLength(3);
			});

			it('refuses a push without the stream authorization header with authentication_failed and fetches no keys', async () => {
				const jwks = transmitter.requests.filter((request) => request.path === '/ssf/jwks.json').length;
				const response = await fetch(setup.hosted.url, {
					method: 'POST',
					headers: { 'content-type': 'application/secevent+jwt', authorization: 'Bearer not-the-secret' },
					body: transmitter.sign(claims(), { header: { kid: 'not-known-either' } }),
				});
				expect(response.status).toBe(400);
				expect(await response.json()).toEqual({ err: 'authentication_failed', description: 'The request does not carry the shared secret' });
				expect(transmitter.requests.filter((request) => request.path === '/ssf/jwks.json')).toHaveLength(jwks);
			});
		});

		it('deletes the stream when unpublished', async () => {
			const parameters = automatic();
			const { staticData, hosted, stream } = await publish(parameters);
			expect(await bench.hook(parameters, staticData, hosted.url, 'delete')).toBe(true);
			expect(transmitter.streams.has(stream.stream_id)).toBe(false);
			expect(transmitter.requests).toContainEqual({ method: 'DELETE', path: '/ssf/stream', status: 204 });
			expect(staticData).toEqual({});
		});

		it('takes over the receiver’s one stream when the transmitter allows no second one (409)', async () => {
			await transmitter.close();
			transmitter = await startFakeTransmitter({ oneStreamPerReceiver: true });
			credentials = { ssfTransmitterApi: { issuer: transmitter.issuer, apiToken: transmitter.apiToken } };
			const { body: old } = await createStreamAt(transmitter, { endpoint_url: 'https://old.example.test/hook' }, []);
			const { hosted, stream } = await publish(automatic(['user.suspended']));
			expect(stream.stream_id).toBe(old.stream_id);
			expect(stream.delivery.endpoint_url).toBe(hosted.url);
			expect(transmitter.requests.map((request) => `${request.method} ${request.status}`)).toContain('POST 409');
		});

		it('fails the publication and deletes the stream when the verification event is refused', async () => {
			await transmitter.close();
			transmitter = await startFakeTransmitter({ setIssuer: 'https://misconfigured.example.test' });
			credentials = { ssfTransmitterApi: { issuer: transmitter.issuer, apiToken: transmitter.apiToken } };
			const parameters = automatic();
			const staticData: IDataObject = {};
			const hosted = await bench.host(parameters, staticData);
			await expect(bench.hook(parameters, staticData, hosted.url, 'create')).rejects.toThrow(
				/refused the transmitter's verification event: The SET was issued by "https:\/\/misconfigured\.example\.test"/,
			);
			expect(transmitter.streams.size).toBe(0);
			expect(staticData).toEqual({});
		});

		it('refuses to register when no selected event comes from Shared Signals, or the issuer differs from the metadata', async () => {
			const staticData: IDataObject = {};
			await expect(bench.hook(automatic(['group.created']), staticData, 'http://127.0.0.1:5678/webhook/x/events', 'create')).rejects.toThrow(
				/send no event behind the events selected/,
			);
			credentials = { ssfTransmitterApi: { issuer: `${transmitter.issuer}/`, apiToken: transmitter.apiToken } };
			await expect(bench.hook(automatic(), staticData, 'http://127.0.0.1:5678/webhook/x/events', 'create')).rejects.toThrow(
				/names the issuer ".*\/tenants\/acme", not ".*\/tenants\/acme\/"/,
			);
			expect(transmitter.streams.size).toBe(0);
		});
	});

	describe('manual registration', () => {
		const manual = (extra: INodeParameters = {}): INodeParameters => ({ ...automatic(), registration: 'manual', ...extra });
		/** A stream created at the transmitter by hand, pushing to the trigger. */
		async function streamTo(url: string, authorization?: string) {
			const delivery = { endpoint_url: url, ...(authorization ? { authorization_header: authorization } : {}) };
			return (await createStreamAt(transmitter, delivery, ssfEventsRequestedFor([...IDENTITY_EVENT_TYPES]))).body;
		}

		it('accepts SETs on their signature alone when the credential has no Authorization Secret, for the audience it names', async () => {
			const hosted = await bench.host(manual(), {});
			const stream = await streamTo(hosted.url);
			credentials = { ssfTransmitterApi: { issuer: transmitter.issuer, audience: `https://other.test, ${stream.aud}` } };
			expect(await transmitter.emit(stream.stream_id, 'risc/account-purged', {}, JANE)).toMatchObject({ status: 202 });
			expect(items(hosted).map((event) => event.type)).toEqual(['user.deleted']);
			credentials = { ssfTransmitterApi: { issuer: transmitter.issuer } };
			expect(await transmitter.emit(stream.stream_id, 'risc/account-purged', {}, JANE)).toMatchObject({
				status: 400,
				err: 'invalid_audience',
				description: expect.stringMatching(/set the credential's Audience/),
			});
		});

		it("requires the credential's Authorization Secret once it is set", async () => {
			const hosted = await bench.host(manual(), {});
			const stream = await streamTo(hosted.url, 'Bearer manual-stream-secret');
			credentials = { ssfTransmitterApi: { issuer: transmitter.issuer, audience: stream.aud, authorizationSecret: 'manual-stream-secret' } };
			expect(await transmitter.emit(stream.stream_id, 'risc/account-enabled', {}, JANE)).toMatchObject({ status: 202 });
			credentials.ssfTransmitterApi.authorizationSecret = 'another-secret';
			// Keys derived from the credential are kept for a few seconds in each process.
			await new Promise((resolve) => setTimeout(resolve, KEYS_FRESH_FOR_MS + 50));
			expect(await transmitter.emit(stream.stream_id, 'risc/account-enabled', {}, JANE)).toMatchObject({ status: 400, err: 'authentication_failed' });
			expect(items(hosted)).toHaveLength(1);
		});

		it('answers a GET with 405 and a push while the JWKS cannot be read with 503, starting nothing', async () => {
			const hosted = await bench.host(manual(), {});
			const stream = await streamTo(hosted.url);
			credentials = { ssfTransmitterApi: { issuer: transmitter.issuer, audience: stream.aud } };
			expect((await fetch(hosted.url)).status).toBe(405);
			const token = transmitter.sign(transmitter.claimsFor(stream.stream_id, 'risc/account-enabled', {}, JANE));
			credentials = { ssfTransmitterApi: { issuer: 'http://127.0.0.1:9/gone', audience: stream.aud } };
			const response = await fetch(hosted.url, { method: 'POST', headers: { 'content-type': 'application/secevent+jwt' }, body: token });
			expect(response.status).toBe(503);
			expect(await response.json()).toEqual({ message: expect.stringMatching(/^Could not read the transmitter's keys to verify the SET/) });
			expect(hosted.emitted).toEqual([]);
		});

		it('writes static data only for an accepted SET that started an execution', async () => {
			const hosted = await bench.host(manual(), {});
			const stream = await streamTo(hosted.url);
			credentials = { ssfTransmitterApi: { issuer: transmitter.issuer, audience: stream.aud } };
			const request = (token: string) => ({ method: 'POST', headers: { 'content-type': 'application/secevent+jwt' }, body: token });
			const claims = transmitter.claimsFor(stream.stream_id, 'risc/account-enabled', {}, JANE);
			const forged = await bench.webhook(manual(), {}, request(transmitter.sign(claims, { forge: 'foreign' })));
			expect({ status: forged.status, changed: forged.staticDataChanged }).toEqual({ status: 400, changed: false });
			const ignored = await bench.webhook(manual(), {}, request(transmitter.sign(transmitter.claimsFor(stream.stream_id, 'caep/session-revoked', {}, JANE))));
			expect({ status: ignored.status, changed: ignored.staticDataChanged }).toEqual({ status: 202, changed: false });
			const accepted = await bench.webhook(manual(), {}, request(transmitter.sign(claims)));
			expect({ status: accepted.status, changed: accepted.staticDataChanged, items: accepted.workflowData?.[0].length }).toEqual({ status: 202, changed: true, items: 1 });
		});
	});

	describe('enrichment from a directory', () => {
		let okta: FakeOkta;
		beforeEach(async () => {
			okta = await startFakeOkta({
				users: [{ id: '00uJDOE0000000000001', profile: { login: 'jane.doe@acme.test', email: 'jane.doe@acme.test', firstName: 'Jane', lastName: 'Doe' } }],
			});
		});
		afterEach(async () => await okta.close());

		it("enriches from Okta with Okta's own enrichment: by login for email subjects, by id for iss_sub, not at all for phone numbers", async () => {
			const parameters: INodeParameters = { ...automatic(), registration: 'manual', ssfDirectory: 'okta', options: {} };
			const hosted = await bench.host(parameters, {});
			const { body: stream } = await createStreamAt(transmitter, { endpoint_url: hosted.url }, ssfEventsRequestedFor([...IDENTITY_EVENT_TYPES]));
			credentials = {
				ssfTransmitterApi: { issuer: transmitter.issuer, audience: stream.aud },
				oktaIdpApi: { orgUrl: okta.url, apiToken: okta.apiToken },
			};
			const disabled = ssfFixture('risc.account-disabled');
			await transmitter.emit(stream.stream_id, 'risc/account-disabled', {}, JANE);
			await transmitter.emit(stream.stream_id, 'risc/account-disabled', {}, { format: 'iss_sub', iss: okta.url, sub: '00uJDOE0000000000001' });
			await transmitter.emit(stream.stream_id, 'risc/account-disabled', {}, { format: 'email', email: 'nobody@acme.test' });
			await transmitter.emit(stream.stream_id, 'risc/account-disabled', {}, { format: 'iss_sub', iss: okta.url, sub: '00uGONE000000000000' });
			await transmitter.emit(stream.stream_id, 'risc/account-disabled', disabled.events[Object.keys(disabled.events)[0]], { format: 'phone_number', phone_number: '+1 206 555 0123' });
			expect(items(hosted).map((event) => ('user' in event ? [event.user.id, event.user.givenName, event.enrichment?.status] : []))).toEqual([
				['00uJDOE0000000000001', 'Jane', 'enriched'],
				['00uJDOE0000000000001', 'Jane', 'enriched'],
				['nobody@acme.test', undefined, 'failed'],
				['00uGONE000000000000', undefined, 'not_found'],
				['+12065550123', undefined, 'off'],
			]);
			expect(items(hosted)[2].enrichment?.message).toMatch(/Okta has no user with the login nobody@acme\.test/);
			expect(okta.requests.filter((request) => request.path.startsWith('/api/v1/users/')).map((request) => request.status)).toEqual([200, 200, 404, 404]);
		});
	});
});
