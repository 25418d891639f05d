import { RsaSecurIdClient } from '../../../nodes/RsaSecurId/client/RsaSecurIdClient';
import type { FakeRsa } from '../../../sandbox/rsa/server';
import { rejection } from '../../helpers/nodeProbe';
import {
	ANN_WITH_AUTHENTICATORS,
	FAST,
	inRsaNode,
	rsaCredentials,
	startFakeRsa,
	withRsaClient,
} from '../helpers';

describe('RSA SecurID client', () => {
	let fake: FakeRsa;
	beforeEach(async () => {
		fake = await startFakeRsa({
			seed: {
				users: [
					ANN_WITH_AUTHENTICATORS,
					{ emailAddress: 'bob@example.com', userStatus: 'Disabled' },
					{ emailAddress: 'cy@example.com' },
				],
			},
		});
	});
	afterEach(async () => await fake.close());

	const idOf = (email: string) =>
		fake.snapshot().users.find((u) => u.emailAddress === email)?.id as string;

	it('looks users up one request per email, concurrently, skipping duplicates', async () => {
		const found = await inRsaNode(
			rsaCredentials(fake),
			async (ctx) =>
				await new RsaSecurIdClient(ctx, { retry: FAST, concurrency: 2 }).lookupUsers([
					'ANN@example.com',
					'ann@example.com',
					'bob@example.com',
					'zed@example.com',
					'',
				]),
		);
		expect([...found.entries()].map(([email, user]) => [email, user.id])).toEqual([
			['ann@example.com', idOf('ann@example.com')],
			['bob@example.com', idOf('bob@example.com')],
		]);
		expect(fake.calls.map((call) => call.body)).toEqual([
			{ email: 'ann@example.com', searchUnsynched: false },
			{ email: 'bob@example.com', searchUnsynched: false },
			{ email: 'zed@example.com', searchUnsynched: false },
		]);
	});

	it('searches by email substring across pages, up to maxItems', async () => {
		const result = await withRsaClient(fake, async (client) => ({
			all: await client.searchUsers('example.com', { pageSize: 2 }),
			first: await client.searchUsers('example.com', { pageSize: 2, maxItems: 1 }),
		}));
		expect(result.all.map((u) => u.emailAddress)).toEqual([
			'ann@example.com',
			'bob@example.com',
			'cy@example.com',
		]);
		expect(result.first.map((u) => u.emailAddress)).toEqual(['ann@example.com']);
		expect(fake.counts().byRoute['POST /v2/users/search']).toBe(3);
	});

	it('reads a user with its authenticators, hardware tokens included and browsers only on request', async () => {
		const result = await withRsaClient(fake, async (client) => ({
			details: await client.getUserDetails('ann@example.com'),
			withBrowsers: await client.listDevices(idOf('ann@example.com'), { includeBrowsers: true }),
			missing: await client.getUserDetails('zed@example.com'),
		}));
		expect(result.details?.user).toMatchObject({
			emailAddress: 'ann@example.com',
			firstName: 'Ann',
			userStatus: 'Enabled',
		});
		expect(result.details?.devices.map((d) => d.type)).toEqual([
			'RSA_AUTHENTICATOR',
			'SECURID_700',
		]);
		expect(result.withBrowsers.map((d) => d.type)).toEqual([
			'RSA_AUTHENTICATOR',
			'BROWSER',
			'SECURID_700',
		]);
		expect(result.missing).toBeUndefined();
		expect(
			fake.calls
				.filter((c) => c.route === 'GET /v2/users/:id/devices')
				.map((c) => c.query.includeBrowsers),
		).toEqual(['false', 'true']);
	});

	it('disables, marks deleted, takes the mark back and deletes now', async () => {
		const cy = idOf('cy@example.com');
		const outcome = await withRsaClient(fake, async (client) => {
			const status = await client.setUserStatus(cy, 'Disabled');
			await client.markUserDeleted(cy, true);
			const pending = fake.snapshot().users.find((u) => u.id === cy)?.markDeleted;
			await client.markUserDeleted(cy, false);
			const deleted = await client.deleteUserNow(cy);
			const again = await client.deleteUserNow(cy);
			return { status, pending, deleted, again };
		});
		expect(outcome).toEqual({
			status: 'Disabled',
			pending: true,
			deleted: { found: true },
			again: { found: false },
		});
		expect(fake.snapshot().users.map((u) => u.emailAddress)).toEqual([
			'ann@example.com',
			'bob@example.com',
		]);
	});

	it('refuses an empty user id before signing or sending anything', async () => {
		const error = await rejection(
			withRsaClient(fake, async (client) => await client.deleteUserNow('')),
		);
		expect(error.message).toBe('An object id is empty');
		expect(fake.calls).toHaveLength(0);
	});

	it('surfaces the 409 when an enabled user is marked deleted', async () => {
		const error = await rejection(
			withRsaClient(
				fake,
				async (client) => await client.markUserDeleted(idOf('ann@example.com'), true),
			),
		);
		expect(error.httpCode).toBe('409');
		expect(fake.snapshot().users[0].markDeleted).toBe(false);
	});

	it('deletes every authenticator with one request each', async () => {
		const ann = idOf('ann@example.com');
		const outcomes = await withRsaClient(fake, async (client) => {
			const devices = await client.listDevices(ann, { includeBrowsers: true });
			const results = [];
			for (const device of devices) results.push(await client.deleteDevice(ann, device.id));
			results.push(await client.deleteDevice(ann, devices[0].id));
			return results;
		});
		expect(outcomes).toEqual([{ found: true }, { found: true }, { found: true }, { found: false }]);
		expect(fake.snapshot().users[0].devices).toEqual([]);
		expect(fake.counts().byRoute['DELETE /v1/users/:id/devices/:id']).toBe(4);
	});
});
