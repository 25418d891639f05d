import type { FakeDuo } from '../../../sandbox/duo/server';
import { FAST, enrolledUser, runDuo, startDuo } from '../helpers';

const byUsername = (value: string) => ({ __rl: true, mode: 'username', value });
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

describe('User: Get', () => {
	let fake: FakeDuo;
	afterEach(async () => fake.close());

	it('returns a simplified user by username or alias, and the raw Duo object on request', async () => {
		fake = await startDuo({ users: [enrolledUser('jane', { alias2: 'jdoe' })] });
		const [simple] = await runDuo(fake, {
			resource: 'user',
			operation: 'get',
			user: byUsername('JDOE'),
			options: FAST,
		});
		expect(simple.json).toMatchObject({
			username: 'jane',
			status: 'active',
			is_enrolled: true,
			groups: ['staff'],
			aliases: { alias2: 'jdoe' },
			devices: { phones: 2, tokens: 1, webauthn: 1, u2f: 1 },
		});
		const id = String(simple.json.user_id);
		const [raw] = await runDuo(fake, {
			resource: 'user',
			operation: 'get',
			user: byId(id),
			simplify: false,
			options: FAST,
		});
		expect(raw.json).toMatchObject({
			user_id: id,
			phones: expect.any(Array),
			webauthncredentials: [{ webauthnkey: 'WAJANE1' }],
		});
	});

	it('fails an item whose user does not exist', async () => {
		fake = await startDuo();
		const output = await runDuo(
			fake,
			{ resource: 'user', operation: 'get', user: byUsername('ghost'), options: FAST },
			[{ json: {} }],
			{ continueOnFail: true },
		);
		expect(output[0].json.error).toBe('No Duo user matches ghost');
	});
});

describe('User: Disable, Enable, Delete', () => {
	let fake: FakeDuo;
	afterEach(async () => fake.close());

	it('disables, then makes no write the second time', async () => {
		fake = await startDuo({ users: [{ username: 'jane' }] });
		const parameters = {
			resource: 'user',
			operation: 'disable',
			user: byUsername('jane'),
			options: FAST,
		};
		const [first] = await runDuo(fake, parameters);
		expect(first.json).toMatchObject({
			action: 'disabled',
			changes: { status: { from: 'active', to: 'disabled' } },
		});
		fake.resetCounts();
		const [second] = await runDuo(fake, parameters);
		expect(second.json).toMatchObject({ action: 'unchanged', reason: 'already disabled' });
		expect(fake.counts().writes).toBe(0);
	});

	it('enables a disabled user and leaves a bypass user alone', async () => {
		fake = await startDuo({
			users: [
				{ username: 'jane', status: 'disabled' },
				{ username: 'bob', status: 'bypass' },
			],
		});
		const output = await runDuo(
			fake,
			{
				resource: 'user',
				operation: 'enable',
				user: byUsername('={{$json.username}}'),
				options: FAST,
			},
			[{ json: { username: 'jane' } }, { json: { username: 'bob' } }],
		);
		expect(output.map((item) => item.json.action)).toEqual(['enabled', 'unchanged']);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(fake.snapshot().users.map((u) => [u.username, u.status])).toEqual([
			['bob', 'bypass'],
			['jane', 'active'],
		]);
		// both users came from one batched lookup
		expect(fake.counts().byRoute['GET /admin/v1/users']).toBe(1);
	});

	it('deletes; a missing user is skipped, or fails in strict mode', async () => {
		fake = await startDuo({ users: [{ username: 'jane' }] });
		const [deleted] = await runDuo(fake, {
			resource: 'user',
			operation: 'delete',
			user: byUsername('jane'),
			options: FAST,
		});
		expect(deleted.json).toMatchObject({ action: 'deleted' });
		expect(fake.snapshot()).toMatchObject({ users: [], trash: ['jane'] });

		const [skipped] = await runDuo(fake, {
			resource: 'user',
			operation: 'delete',
			user: byUsername('jane'),
			options: FAST,
		});
		expect(skipped.json).toEqual({ action: 'skipped', reason: 'user not found' });
		await expect(
			runDuo(fake, {
				resource: 'user',
				operation: 'delete',
				user: byUsername('jane'),
				options: { ...FAST, strict: true },
			}),
		).rejects.toThrow('No Duo user matches jane');
	});
});

describe('User: Reset Enrollment', () => {
	let fake: FakeDuo;
	afterEach(async () => fake.close());

	it('removes every device type and bypass code, keeping user id, groups, aliases and profile', async () => {
		fake = await startDuo({ users: [enrolledUser('jane', { alias1: '00uJANE', notes: 'vip' })] });
		const before = fake.snapshot().users[0];
		const [result] = await runDuo(fake, {
			resource: 'user',
			operation: 'resetEnrollment',
			user: byUsername('jane'),
			options: { ...FAST, sendEnrollmentEmail: true },
		});
		expect(result.json).toMatchObject({
			action: 'reset',
			userId: before.user_id,
			username: 'jane',
			changes: {
				devices: {
					from: [
						{ kind: 'phone', id: 'DPJANE1' },
						{ kind: 'phone', id: 'DPJANE2' },
						{ kind: 'token', id: 'DHJANE1' },
						{ kind: 'webauthn', id: 'WAJANE1' },
						{ kind: 'u2f', id: 'U2JANE1' },
						{ kind: 'bypassCode', id: 'DBJANE1' },
						{ kind: 'bypassCode', id: 'DBJANE2' },
					],
					to: [],
				},
				enrollmentEmail: { from: false, to: true },
			},
		});
		const after = fake.snapshot().users[0];
		expect(after).toEqual({
			...before,
			phones: [],
			tokens: [],
			webauthn: [],
			u2f: [],
			bypassCodes: [],
		});
		expect(fake.snapshot().enrollments).toEqual([{ username: 'jane', email: 'jane@example.com' }]);
		expect(Object.keys(fake.counts().byRoute).sort()).toEqual([
			'DELETE /admin/v1/bypass_codes/:id',
			'DELETE /admin/v1/u2ftokens/:id',
			'DELETE /admin/v1/users/:id/phones/:id',
			'DELETE /admin/v1/users/:id/tokens/:id',
			'DELETE /admin/v1/webauthncredentials/:id',
			'GET /admin/v1/users',
			'GET /admin/v1/users/:id/bypass_codes',
			'POST /admin/v1/users/enroll',
		]);

		fake.resetCounts();
		const [again] = await runDuo(fake, {
			resource: 'user',
			operation: 'resetEnrollment',
			user: byUsername('jane'),
			options: { ...FAST, sendEnrollmentEmail: true },
		});
		expect(again.json).toMatchObject({ action: 'unchanged' });
		expect(fake.counts().writes).toBe(0);
		expect(fake.snapshot().enrollments).toHaveLength(1);
	});
});

describe('User: Sync Groups', () => {
	let fake: FakeDuo;
	afterEach(async () => fake.close());

	const seed = () =>
		startDuo({
			groups: [{ name: 'MFA-A' }, { name: 'MFA-B' }, { name: 'VPN' }, { name: 'Admins' }],
			users: [{ username: 'jane', groups: [{ name: 'MFA-A' }, { name: 'Admins' }] }],
		});
	const sync = (groups: string, mode: string, options: Record<string, unknown> = {}) => ({
		resource: 'user',
		operation: 'syncGroups',
		user: byUsername('jane'),
		groups,
		mode,
		options: { ...FAST, ...options },
	});
	const groupsOfJane = () => fake.snapshot().users[0].groupNames;

	it('sets the managed groups exactly and leaves groups outside the allowlist alone', async () => {
		fake = await seed();
		const [result] = await runDuo(
			fake,
			sync('MFA-B, VPN, Other', 'set', { groupAllowlist: 'MFA-*, VPN' }),
		);
		expect(result.json).toMatchObject({
			action: 'updated',
			changes: { groups: { from: ['MFA-A', 'Admins'], to: ['Admins', 'MFA-B', 'VPN'] } },
			groups: { added: ['MFA-B', 'VPN'], removed: ['MFA-A'], ignored: ['Other'], missing: [] },
		});
		expect(groupsOfJane()).toEqual(['Admins', 'MFA-B', 'VPN']);
		fake.resetCounts();
		const [again] = await runDuo(
			fake,
			sync('MFA-B, VPN, Other', 'set', { groupAllowlist: 'MFA-*, VPN' }),
		);
		expect(again.json.action).toBe('unchanged');
		expect(fake.counts().writes).toBe(0);
	});

	it('adds only, creating missing groups when asked', async () => {
		fake = await seed();
		const [result] = await runDuo(
			fake,
			sync('VPN, New Group', 'add', { createMissingGroups: true }),
		);
		expect(result.json).toMatchObject({
			groups: { added: ['VPN', 'New Group'], created: ['New Group'], removed: [] },
		});
		expect(groupsOfJane()).toEqual(['Admins', 'MFA-A', 'New Group', 'VPN']);
	});

	it('reports missing groups without creating them, and removes only', async () => {
		fake = await seed();
		const [added] = await runDuo(fake, sync('Nope', 'add'));
		expect(added.json).toMatchObject({ action: 'unchanged', groups: { missing: ['Nope'] } });
		const [removed] = await runDuo(fake, sync('Admins, VPN', 'remove'));
		expect(removed.json).toMatchObject({ action: 'updated', groups: { removed: ['Admins'] } });
		expect(groupsOfJane()).toEqual(['MFA-A']);
		expect(fake.snapshot().groups.map((g) => g.name)).not.toContain('Nope');
	});

	it('accepts a list from an expression', async () => {
		fake = await seed();
		await runDuo(fake, { ...sync('', 'set', { groupAllowlist: 'MFA-*, VPN' }), groups: '={{$json.groups}}' }, [
			{ json: { groups: ['VPN'] } },
		]);
		expect(groupsOfJane()).toEqual(['Admins', 'VPN']);
	});

	it('adds by default, and never strips a user: Set Exactly needs a bound and a non-empty list', async () => {
		fake = await seed();
		const [added] = await runDuo(fake, { ...sync('VPN', 'set'), mode: undefined });
		expect(added.json).toMatchObject({ action: 'updated', groups: { added: ['VPN'], removed: [] } });
		expect(groupsOfJane()).toEqual(['Admins', 'MFA-A', 'VPN']);

		const refused = await runDuo(fake, sync('VPN', 'set'), [{ json: {} }], { continueOnFail: true });
		expect(refused[0].json.error).toBe('"Set Exactly" needs a bound on the groups it may remove the user from');
		const [empty] = await runDuo(fake, sync('', 'set', { groupAllowlist: '*' }));
		expect(empty.json).toMatchObject({ action: 'skipped', reason: expect.stringContaining('never removes every group') });
		expect(groupsOfJane()).toEqual(['Admins', 'MFA-A', 'VPN']);
		expect(fake.snapshot().users[0].groupNames).toContain('Admins');
	});

	it('with "Only IdP-Linked Groups", Set Exactly removes only groups an IdP created or claimed', async () => {
		fake = await startDuo({
			groups: [{ name: 'Admins' }, { name: 'Okta Sales', desc: 'idp:okta:acme.okta.com/00gS' }, { name: 'VPN' }],
			users: [{ username: 'jane', groups: [{ name: 'Admins' }, { name: 'Okta Sales' }] }],
		});
		const [result] = await runDuo(fake, sync('VPN', 'set', { onlyIdpGroups: true }));
		expect(result.json).toMatchObject({ groups: { added: ['VPN'], removed: ['Okta Sales'] } });
		expect(groupsOfJane()).toEqual(['Admins', 'VPN']);
	});
});
