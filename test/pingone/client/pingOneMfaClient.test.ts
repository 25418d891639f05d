import { PingOneMfaClient } from '../../../nodes/PingOneMfa/client/PingOneMfaClient';
import type { FakePingOne } from '../../../sandbox/pingone/server';
import { rejection } from '../../helpers/nodeProbe';
import {
	annInStaff,
	FAST,
	inPingOneNode,
	pingOneCredentials,
	startFakePingOne,
	withClient,
} from '../helpers';

describe('PingOne client: user lookups', () => {
	let fake: FakePingOne;
	afterEach(async () => await fake.close());

	it('finds users by username with one OR-ed filter per batch', async () => {
		const users = Array.from({ length: 25 }, (_, i) => ({
			username: `user${i}`,
			email: `shared${i % 2}@example.com`,
		}));
		fake = await startFakePingOne({ seed: { users } });
		const wanted = [...users.map((u) => u.username.toUpperCase()), 'nobody', 'USER3'];
		const found = await inPingOneNode(
			pingOneCredentials(fake),
			async (ctx) =>
				await new PingOneMfaClient(ctx, {
					retry: FAST,
					lookupBatch: { maxTerms: 10, maxFilterLength: 4000 },
				}).findUsersByUsername(wanted),
		);
		expect([...found.keys()].sort()).toEqual(users.map((u) => u.username).sort());
		const lookups = fake.calls.filter((call) => call.route === 'GET /users');
		expect(lookups).toHaveLength(3);
		expect(lookups[0].query.filter).toBe(
			Array.from({ length: 10 }, (_, i) => `username eq "USER${i}"`).join(' or '),
		);
		expect(lookups.map((call) => call.query.limit)).toEqual(['10', '10', '6']);
	});

	it('keeps a batch under the filter length limit', async () => {
		fake = await startFakePingOne();
		const names = Array.from({ length: 6 }, (_, i) => `${'x'.repeat(30)}${i}`);
		await inPingOneNode(
			pingOneCredentials(fake),
			async (ctx) =>
				await new PingOneMfaClient(ctx, {
					retry: FAST,
					lookupBatch: { maxTerms: 100, maxFilterLength: 100 },
				}).findUsersByUsername(names),
		);
		const filters = fake.calls.filter((c) => c.route === 'GET /users').map((c) => c.query.filter);
		expect(filters).toHaveLength(3);
		expect(filters.every((filter) => filter.length <= 100)).toBe(true);
	});

	it('finds users by email, several per address', async () => {
		fake = await startFakePingOne({
			seed: {
				users: [
					{ username: 'a', email: 'team@example.com' },
					{ username: 'b', email: 'TEAM@example.com' },
					{ username: 'c', email: 'c@example.com' },
				],
			},
		});
		const found = await withClient(
			fake,
			async (client) =>
				await client.findUsersByEmail(['team@example.com', 'c@example.com', 'none@example.com']),
		);
		expect(found.get('team@example.com')?.map((u) => u.username)).toEqual(['a', 'b']);
		expect(found.get('c@example.com')?.map((u) => u.username)).toEqual(['c']);
		expect(found.has('none@example.com')).toBe(false);
		expect(fake.counts().reads).toBe(1);
	});
});

describe('PingOne client: user lifecycle', () => {
	let fake: FakePingOne;
	beforeEach(async () => {
		fake = await startFakePingOne({
			seed: {
				users: [
					annInStaff([
						{ type: 'SMS', phone: '+15555550100' },
						{ type: 'EMAIL', email: 'ann@example.com' },
					]),
				],
			},
		});
	});
	afterEach(async () => await fake.close());

	it('creates, updates, disables, and deletes a user', async () => {
		const outcome = await withClient(fake, async (client) => {
			const created = await client.createUser({
				username: 'bob',
				email: 'bob@example.com',
				name: { given: 'Bob', family: 'Builder' },
			});
			const updated = await client.updateUser(created.value.id, { name: { family: 'Baker' } });
			await client.setUserEnabled(created.value.id, false);
			const read = await client.getUser(created.value.id);
			return { created, updated, read };
		});
		expect(outcome.created.replayed).toBeUndefined();
		expect(outcome.updated.name).toEqual({ given: 'Bob', family: 'Baker' });
		expect(outcome.read).toMatchObject({ username: 'bob', enabled: false });
		const bob = outcome.created.value.id;
		const deletions = await withClient(fake, async (client) => [
			await client.deleteUser(bob),
			await client.deleteUser(bob),
		]);
		expect(deletions).toEqual([{ found: true }, { found: false }]);
		expect(fake.snapshot().users.map((u) => u.username)).toEqual(['ann']);
	});

	it('returns the existing user when a create was applied but its response lost', async () => {
		fake.injectFaults({ drop: true, count: 1, route: 'POST /users', afterApply: true });
		const created = await withClient(
			fake,
			async (client) => await client.createUser({ username: 'cy', email: 'cy@example.com' }),
		);
		expect(created).toEqual({
			value: expect.objectContaining({ username: 'cy', id: expect.any(String) }),
			replayed: 'alreadyExists',
		});
		expect(fake.snapshot().users.filter((u) => u.username === 'cy')).toHaveLength(1);
	});

	it('refuses a create that collides with another user', async () => {
		const error = await rejection(
			withClient(
				fake,
				async (client) => await client.createUser({ username: 'ANN', email: 'x@example.com' }),
			),
		);
		expect(error.message).toContain('UNIQUENESS_VIOLATION, target username');
	});

	it('turns MFA off while the devices stay, and deletes devices one by one', async () => {
		const ann = fake.snapshot().users[0].id;
		const result = await withClient(fake, async (client) => {
			await client.setMfaEnabled(ann, true);
			const on = await client.getMfaEnabled(ann);
			await client.setMfaEnabled(ann, false);
			const devices = await client.listDevices(ann);
			return { on, off: await client.getMfaEnabled(ann), devices };
		});
		expect(result.on).toBe(true);
		expect(result.off).toBe(false);
		expect(result.devices.map((d) => [d.type, d.status])).toEqual([
			['SMS', 'ACTIVE'],
			['EMAIL', 'ACTIVE'],
		]);
		expect(fake.snapshot().users[0].devices).toHaveLength(2);
		const removed = await withClient(fake, async (client) => {
			const outcomes = [];
			for (const device of result.devices) outcomes.push(await client.deleteDevice(ann, device.id));
			return outcomes;
		});
		expect(removed).toEqual([{ found: true }, { found: true }]);
		expect(fake.snapshot().users[0].devices).toEqual([]);
		expect(fake.calls.filter((c) => c.route === 'DELETE /users/:id/devices/:id')).toHaveLength(2);
	});

	it('creates an email device that needs activation', async () => {
		const ann = fake.snapshot().users[0].id;
		const device = await withClient(
			fake,
			async (client) =>
				await client.createDevice(ann, {
					type: 'EMAIL',
					email: 'alt@example.com',
					status: 'ACTIVATION_REQUIRED',
				}),
		);
		expect(device).toMatchObject({
			type: 'EMAIL',
			status: 'ACTIVATION_REQUIRED',
			email: 'alt@example.com',
		});
	});

	it('reads a user with group ids and devices in two calls', async () => {
		const ann = fake.snapshot().users[0];
		fake.resetCounts();
		const details = await withClient(fake, async (client) => await client.getUserDetails(ann.id));
		expect(details?.user.username).toBe('ann');
		expect(details?.groupIds).toEqual(ann.groupIds);
		expect(details?.devices).toHaveLength(2);
		expect(fake.counts().reads).toBe(2);
		expect(
			await withClient(fake, async (client) => await client.getUserDetails('missing')),
		).toBeUndefined();
	});
});

describe('PingOne client: groups', () => {
	let fake: FakePingOne;
	beforeEach(async () => {
		fake = await startFakePingOne({
			seed: {
				groups: [{ name: 'staff', description: 'Everyone' }],
				users: [{ username: 'ann', email: 'ann@example.com' }],
			},
		});
	});
	afterEach(async () => await fake.close());

	it('creates, finds, renames (keeping the description) and deletes groups', async () => {
		const result = await withClient(fake, async (client) => {
			const created = await client.createGroup({ name: 'admins' });
			const found = await client.findGroupByName('STAFF');
			const renamed = await client.renameGroup(found!.id, 'employees');
			const all = await client.listGroups();
			const deleted = await client.deleteGroup(created.value.id);
			return { created, found, renamed, all, deleted };
		});
		expect(result.created.value.name).toBe('admins');
		expect(result.renamed).toMatchObject({ name: 'employees', description: 'Everyone' });
		expect(result.all.map((g) => g.name)).toEqual(['employees', 'admins']);
		expect(result.deleted).toEqual({ found: true });
		expect(fake.snapshot().groups).toEqual([
			expect.objectContaining({ name: 'employees', description: 'Everyone' }),
		]);
	});

	it('returns the existing group when a create was applied but answered 502', async () => {
		fake.injectFaults({ status: 502, count: 1, route: 'POST /groups', afterApply: true });
		const created = await withClient(
			fake,
			async (client) => await client.createGroup({ name: 'ops' }),
		);
		expect(created.replayed).toBe('alreadyExists');
		expect(created.value.name).toBe('ops');
		expect(fake.snapshot().groups.map((g) => g.name)).toEqual(['staff', 'ops']);
	});

	it('adds and removes memberships idempotently', async () => {
		const ann = fake.snapshot().users[0].id;
		const staff = fake.snapshot().groups[0].id;
		const result = await withClient(fake, async (client) => ({
			first: await client.addUserToGroup(ann, staff),
			again: await client.addUserToGroup(ann, staff),
			ids: await client.listUserGroupIds(ann),
			memberships: await client.listUserGroupMemberships(ann),
			removed: await client.removeUserFromGroup(ann, staff),
			removedAgain: await client.removeUserFromGroup(ann, staff),
		}));
		expect(result.first).toEqual({ added: true });
		expect(result.again).toEqual({ added: false });
		expect(result.ids).toEqual([staff]);
		expect(result.memberships).toEqual([
			expect.objectContaining({ id: staff, name: 'staff', type: 'DIRECT' }),
		]);
		expect(result.removed).toEqual({ found: true });
		expect(result.removedAgain).toEqual({ found: false });
		expect(fake.snapshot().groups[0].members).toEqual([]);
	});

	it('refuses an empty id before sending anything', async () => {
		fake.resetCounts();
		const error = await rejection(
			withClient(fake, async (client) => await client.deleteGroup(' ')),
		);
		expect(error.message).toBe('An object id is empty');
		expect(fake.counts().total).toBe(0);
		expect(fake.snapshot().groups).toHaveLength(1);
	});

	it('reports an addition to a group that does not exist as missing, changing nothing', async () => {
		const ann = fake.snapshot().users[0].id;
		const outcome = await withClient(fake, async (client) => await client.addUserToGroup(ann, 'no-such-group'));
		expect(outcome).toEqual({ added: false, missing: true });
		expect(fake.snapshot().users[0].groupIds).toEqual([]);
	});

	it('takes a create that meets an existing user or group as the existing one', async () => {
		const outcome = await withClient(fake, async (client) => ({
			user: await client.createUserOrFind({ username: 'ANN', email: 'other@example.com' }),
			group: await client.createGroupOrFind({ name: 'STAFF' }),
			fresh: await client.createGroupOrFind({ name: 'ops' }),
		}));
		expect(outcome.user).toEqual({ value: expect.objectContaining({ username: 'ann', email: 'ann@example.com' }), existed: true });
		expect(outcome.group).toEqual({ value: expect.objectContaining({ name: 'staff' }), existed: true });
		expect(outcome.fresh).toEqual({ value: expect.objectContaining({ name: 'ops' }), existed: false });
		expect(fake.snapshot().users).toHaveLength(1);
	});
});
