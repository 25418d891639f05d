import * as okta from '@okta/okta-sdk-nodejs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { startFakeOkta, type FakeOkta } from '../../../sandbox/okta/server';

// Proof that the fake speaks Okta's wire format: Okta's own Node SDK drives it.
describe('fake Okta driven by @okta/okta-sdk-nodejs', () => {
	let fake: FakeOkta;
	let client: okta.Client;

	beforeEach(async () => {
		fake = await startFakeOkta({
			apiToken: 'sdk-token',
			pageSize: 2,
			users: Array.from({ length: 5 }, (_, i) => ({
				id: `00uSDK${i}`,
				profile: { login: `user${i}@example.com`, email: `user${i}@example.com`, firstName: 'U', lastName: `${i}` },
			})),
			groups: [{ id: '00gSDK1', name: 'mfa-users' }],
			memberships: { '00gSDK1': ['00uSDK1', '00uSDK3'] },
		});
		client = new okta.Client({ orgUrl: fake.url, token: 'sdk-token', cacheMiddleware: null as never });
	});
	afterEach(async () => fake.close());

	it('pages through users by following Link rel="next"', async () => {
		const logins: string[] = [];
		for await (const user of await client.userApi.listUsers({ limit: 2 })) {
			logins.push(String(user?.profile?.login));
		}
		expect(logins).toEqual(['user0@example.com', 'user1@example.com', 'user2@example.com', 'user3@example.com', 'user4@example.com']);
		expect(fake.requests.filter((r) => r.path === '/api/v1/users')).toHaveLength(3);
	});

	it('gets a user by login and lists their groups', async () => {
		const user = await client.userApi.getUser({ userId: 'user3@example.com' });
		expect(user.id).toBe('00uSDK3');
		const groups: string[] = [];
		for await (const group of await client.userApi.listUserGroups({ userId: '00uSDK3' })) groups.push(String(group?.profile?.name));
		expect(groups).toEqual(['mfa-users']);
	});

	it('returns Okta errors the SDK understands', async () => {
		await expect(client.userApi.getUser({ userId: 'nobody' })).rejects.toMatchObject({ status: 404, errorCode: 'E0000007' });
		const stranger = new okta.Client({ orgUrl: fake.url, token: 'wrong', cacheMiddleware: null as never });
		await expect(stranger.userApi.getUser({ userId: '00uSDK0' })).rejects.toMatchObject({ status: 401, errorCode: 'E0000011' });
	});

	it('sends rate-limit headers the SDK uses to retry a 429', async () => {
		fake.injectFaults({ status: 429, count: 1, pathPrefix: '/api/v1/users/00uSDK0', resetInSeconds: 0 });
		const user = await client.userApi.getUser({ userId: '00uSDK0' });
		expect(user.id).toBe('00uSDK0');
		const calls = fake.requests.filter((r) => r.path === '/api/v1/users/00uSDK0').map((r) => r.status);
		expect(calls).toEqual([429, 200]);
	});

	it('runs the event hook lifecycle, calling back the verification challenge', async () => {
		const endpoint = http.createServer((req, res) => {
			const challenge = req.headers['x-okta-verification-challenge'];
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ verification: challenge }));
		});
		await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
		const uri = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/hook`;
		try {
			const created = await client.eventHookApi.createEventHook({
				eventHook: {
					name: 'sdk hook',
					events: { type: 'EVENT_TYPE', items: ['user.lifecycle.create'] },
					channel: {
						type: 'HTTP',
						version: '1.0.0',
						config: { uri, authScheme: { type: 'HEADER', key: 'Authorization', value: 's3cret' } },
					},
				},
			});
			expect(created.verificationStatus).toBe('UNVERIFIED');
			expect(created.channel?.config?.authScheme?.value).toBeUndefined();
			const verified = await client.eventHookApi.verifyEventHook({ eventHookId: String(created.id) });
			expect(verified.verificationStatus).toBe('VERIFIED');
			expect(fake.verificationCalls).toEqual([{ hookId: created.id, status: 200, challengeOk: true }]);
			await expect(client.eventHookApi.deleteEventHook({ eventHookId: String(created.id) })).rejects.toMatchObject({ status: 403 });
			await client.eventHookApi.deactivateEventHook({ eventHookId: String(created.id) });
			await client.eventHookApi.deleteEventHook({ eventHookId: String(created.id) });
			const remaining: unknown[] = [];
			for await (const hook of await client.eventHookApi.listEventHooks()) remaining.push(hook);
			expect(remaining).toEqual([]);
		} finally {
			await new Promise((resolve) => endpoint.close(resolve));
		}
	});

	it('serves the MFA-target writes: create, suspend, unsuspend, reset factors, factors, groups and delete', async () => {
		const created = await client.userApi.createUser({
			body: {
				profile: { login: 'fed@example.com', email: 'fed@example.com', firstName: 'Fed', lastName: 'User' },
				credentials: { provider: { type: 'FEDERATION', name: 'FEDERATION' } },
			},
			activate: true,
			provider: true,
		});
		expect(created.status).toBe('ACTIVE');
		const userId = String(created.id);
		await expect(
			client.userApi.createUser({ body: { profile: { login: 'FED@example.com', email: 'x@example.com', firstName: 'F', lastName: 'U' } } }),
		).rejects.toMatchObject({ status: 400, errorCode: 'E0000001' });
		await client.userApi.suspendUser({ userId });
		await expect(client.userApi.suspendUser({ userId })).rejects.toMatchObject({ status: 400 });
		await client.userApi.unsuspendUser({ userId });
		fake.enrollFactor(userId, 'push');
		const sms = fake.enrollFactor(userId, 'sms');
		const factors: string[] = [];
		for await (const factor of await client.userFactorApi.listFactors({ userId })) factors.push(String(factor?.factorType));
		expect(factors).toEqual(['push', 'sms']);
		await client.userFactorApi.unenrollFactor({ userId, factorId: sms.id });
		await client.userApi.resetFactors({ userId });
		expect(fake.state.factors.get(userId)).toEqual([]);
		const group = await client.groupApi.createGroup({ group: { profile: { name: 'VPN', description: 'idp:entra:t/1' } } });
		await client.groupApi.assignUserToGroup({ groupId: String(group.id), userId });
		expect(fake.state.memberships.get(String(group.id))?.has(userId)).toBe(true);
		await client.groupApi.unassignUserFromGroup({ groupId: String(group.id), userId });
		await client.userApi.deleteUser({ userId });
		expect(fake.state.users.get(userId)?.status).toBe('DEPROVISIONED');
		await client.userApi.deleteUser({ userId });
		expect(fake.state.users.has(userId)).toBe(false);
	});
});
