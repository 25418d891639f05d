import type { IdentityEvent } from '../../../nodes/shared/model';
import type { FakeDuo, FakeDuoSeedUser } from '../../../sandbox/duo/server';
import {
	applyEvents,
	enrolledUser,
	groupEvent,
	membershipEvent,
	mfaResetEvent,
	startDuo,
	userEvent,
} from '../helpers';

const seed = () =>
	startDuo({
		groups: [
			{ name: 'staff' },
			{ name: 'Old Name', desc: 'idp:okta:00gOLD' },
			{ name: 'To Delete', desc: 'idp:okta:00gDEL' },
		],
		users: [
			enrolledUser('jane.doe', { alias1: '00uJANE' }),
			{ username: 'bob', alias1: '00uBOB' },
			{ username: 'carl', alias1: '00uCARL' },
			{ username: 'dana', alias1: '00uDANA', status: 'disabled' },
		] as FakeDuoSeedUser[],
	});

const cases: Array<[string, () => IdentityEvent, string]> = [
	[
		'user.created',
		() =>
			userEvent('user.created', {
				id: '00uEVE',
				login: 'eve',
				email: 'eve@example.com',
				givenName: 'Eve',
				familyName: 'Adams',
			}),
		'created',
	],
	[
		'user.updated (login renamed)',
		() =>
			userEvent('user.updated', { id: '00uJANE', login: 'jane.smith', displayName: 'Jane Smith' }),
		'updated',
	],
	['user.suspended', () => userEvent('user.suspended', { id: '00uBOB', login: 'bob' }), 'disabled'],
	[
		'user.deactivated',
		() => userEvent('user.deactivated', { id: '00uBOB', login: 'bob' }),
		'disabled',
	],
	[
		'user.reactivated',
		() => userEvent('user.reactivated', { id: '00uDANA', login: 'dana' }),
		'enabled',
	],
	['user.deleted', () => userEvent('user.deleted', { id: '00uCARL', login: 'carl' }), 'deleted'],
	['user.mfa_reset', () => mfaResetEvent({ id: '00uJANE', login: 'jane.doe' }), 'reset'],
	[
		'group.member_added (group created on the way)',
		() =>
			membershipEvent(
				'group.member_added',
				{ id: '00uBOB', login: 'bob' },
				{ id: '00gVPN', name: 'VPN' },
			),
		'group_added',
	],
	[
		'group.member_removed',
		() =>
			membershipEvent(
				'group.member_removed',
				{ id: '00uJANE', login: 'jane.doe' },
				{ id: '00gSTAFF', name: 'staff' },
			),
		'group_removed',
	],
	[
		'group.created',
		() => groupEvent('group.created', { id: '00gFIN', name: 'Finance' }),
		'group_created',
	],
	[
		'group.renamed',
		() => groupEvent('group.renamed', { id: '00gOLD', name: 'New Name', previousName: 'Old Name' }),
		'group_renamed',
	],
	[
		'group.deleted',
		() => groupEvent('group.deleted', { id: '00gDEL', name: 'To Delete' }),
		'group_deleted',
	],
];

describe('Identity Event: Apply, each event type twice', () => {
	let fake: FakeDuo;
	afterEach(async () => fake.close());

	it.each(cases)(
		'%s: applied, then a replay writes nothing and leaves the state identical',
		async (_, make, action) => {
			fake = await seed();
			const event = make();
			const [first] = await applyEvents(fake, [event]);
			expect(first).toMatchObject({ action, eventId: event.id, eventType: event.type });
			expect(fake.counts().writes).toBeGreaterThan(0);
			const applied = fake.snapshot();

			fake.resetCounts();
			const [second] = await applyEvents(fake, [event]);
			expect(['unchanged', 'skipped']).toContain(second.action);
			expect(fake.counts().writes).toBe(0);
			expect(fake.snapshot()).toEqual(applied);
		},
	);

	it('sees its own writes: the same event twice in one execution writes once', async () => {
		fake = await seed();
		const added = membershipEvent(
			'group.member_added',
			{ id: '00uNEW', login: 'new.user' },
			{ id: '00gVPN', name: 'VPN' },
		);
		const output = await applyEvents(fake, [added, added]);
		expect(output.map((o) => o.action)).toEqual(['group_added', 'unchanged']);
		expect(output[0].created).toEqual(['user', 'group']);
		expect(fake.counts().byRoute).toMatchObject({
			'POST /admin/v1/users': 1,
			'POST /admin/v1/groups': 1,
			'POST /admin/v1/users/:id/groups': 1,
		});
	});
});

describe('Identity Event: Apply semantics', () => {
	let fake: FakeDuo;
	afterEach(async () => fake.close());

	it('a renamed login updates the same Duo user through its alias', async () => {
		fake = await seed();
		const janeId = fake.snapshot().users.find((u) => u.username === 'jane.doe')?.user_id;
		const [result] = await applyEvents(fake, [
			userEvent('user.updated', {
				id: '00uJANE',
				login: 'jane.smith',
				email: 'jane.smith@example.com',
			}),
		]);
		expect(result).toMatchObject({
			action: 'updated',
			userId: janeId,
			changes: { username: { from: 'jane.doe', to: 'jane.smith' } },
		});
		const usernames = fake.snapshot().users.map((u) => u.username);
		expect(usernames).toContain('jane.smith');
		expect(usernames).not.toContain('jane.doe');
	});

	it('disables instead of deleting when asked', async () => {
		fake = await seed();
		const [result] = await applyEvents(
			fake,
			[userEvent('user.deleted', { id: '00uCARL', login: 'carl' })],
			{ onUserDeleted: 'disable' },
		);
		expect(result.action).toBe('disabled');
		expect(fake.snapshot().users.find((u) => u.username === 'carl')?.status).toBe('disabled');
	});

	it('resets only on a Duo factor when asked, and sends the enrollment email', async () => {
		fake = await seed();
		const options = { resetOn: 'providerFactors', sendEnrollmentEmail: true };
		const [okta] = await applyEvents(
			fake,
			[
				mfaResetEvent(
					{ id: '00uJANE', login: 'jane.doe' },
					{ all: false, factors: [{ type: 'push', provider: 'OKTA' }] },
				),
			],
			options,
		);
		expect(okta).toMatchObject({ action: 'skipped', reason: 'no Duo factor was reset' });
		expect(fake.counts().writes).toBe(0);
		const [duo] = await applyEvents(
			fake,
			[
				mfaResetEvent(
					{ id: '00uJANE', login: 'jane.doe' },
					{ all: false, factors: [{ type: 'web', provider: 'DUO', name: 'Duo Security' }] },
				),
			],
			options,
		);
		expect(duo).toMatchObject({
			action: 'reset',
			changes: { enrollmentEmail: { from: false, to: true } },
		});
		expect(fake.snapshot().users.find((u) => u.username === 'jane.doe')).toMatchObject({
			phones: [],
			tokens: [],
			webauthn: [],
			u2f: [],
			bypassCodes: [],
			groupNames: ['staff'],
		});
	});

	it('creates a missing user on reactivation when the event carries a login', async () => {
		fake = await seed();
		const [result] = await applyEvents(fake, [
			userEvent('user.reactivated', { id: '00uZOE', login: 'zoe', status: 'active' }),
		]);
		expect(result.action).toBe('created');
		expect(fake.snapshot().users.find((u) => u.username === 'zoe')).toMatchObject({
			status: 'active',
			aliases: { alias1: 'idp:okta:example.okta.com/00uZOE' },
		});
	});

	it('skips a missing user on disable, delete and reset; strict mode fails the item', async () => {
		fake = await seed();
		const ghost = { id: '00uGHOST', login: 'ghost' };
		const events = [
			userEvent('user.suspended', ghost),
			userEvent('user.deleted', ghost),
			mfaResetEvent(ghost),
		];
		const output = await applyEvents(fake, events);
		expect(output.map((o) => [o.action, o.reason])).toEqual([
			['skipped', 'user not found'],
			['skipped', 'user not found'],
			['skipped', 'user not found'],
		]);
		await expect(applyEvents(fake, [events[0]], { strict: true })).rejects.toThrow(
			'No Duo user matches ghost',
		);
	});

	it('does not create missing groups when the option is off, and respects the allowlist', async () => {
		fake = await seed();
		const output = await applyEvents(
			fake,
			[
				membershipEvent(
					'group.member_added',
					{ id: '00uBOB', login: 'bob' },
					{ id: '00gX', name: 'MFA-X' },
				),
				membershipEvent(
					'group.member_added',
					{ id: '00uBOB', login: 'bob' },
					{ id: '00gS', name: 'staff' },
				),
				groupEvent('group.created', { id: '00gY', name: 'Sales' }),
			],
			{ createMissingGroups: false, groupAllowlist: 'MFA-*' },
		);
		expect(output.map((o) => [o.action, o.reason])).toEqual([
			['skipped', 'group not found'],
			['skipped', 'group is not in the allowlist'],
			['skipped', 'group is not in the allowlist'],
		]);
		expect(fake.counts().writes).toBe(0);
	});

	it('finds a group renamed in Duo by its IdP marker', async () => {
		fake = await seed();
		await applyEvents(fake, [groupEvent('group.renamed', { id: '00gOLD', name: 'Renamed Once' })]);
		const [second] = await applyEvents(fake, [
			groupEvent('group.renamed', {
				id: '00gOLD',
				name: 'Renamed Twice',
				previousName: 'Not The Duo Name',
			}),
		]);
		expect(second).toMatchObject({
			action: 'group_renamed',
			changes: { name: { from: 'Renamed Once', to: 'Renamed Twice' } },
		});
		expect(fake.snapshot().groups.map((g) => g.name)).toContain('Renamed Twice');
	});

	it('adopts an existing group of the same name by recording the IdP marker', async () => {
		fake = await seed();
		const [adopted] = await applyEvents(fake, [
			groupEvent('group.created', { id: '00gSTAFF', name: 'staff' }),
		]);
		expect(adopted).toMatchObject({
			action: 'updated',
			changes: { description: { from: '', to: 'idp:okta:example.okta.com/00gSTAFF' } },
		});
	});

	it('outputs skipped for a missed-events notice', async () => {
		fake = await seed();
		const notice = {
			schemaVersion: 1,
			id: 'notice-1',
			occurredAt: '2026-11-01T10:00:00.000Z',
			source: { idp: 'entra', tenant: 't', eventType: 'lifecycle', eventIds: ['notice-1'] },
			type: 'sync.events_missed',
			notice: { reason: 'missed' },
		};
		const [result] = await applyEvents(fake, [notice as unknown as IdentityEvent]);
		expect(result).toMatchObject({
			action: 'skipped',
			eventId: 'notice-1',
			eventType: 'sync.events_missed',
		});
	});
});

describe('Identity Event: Apply call pattern', () => {
	let fake: FakeDuo;
	afterEach(async () => fake.close());

	it('looks up all users of an execution in batches of 100 keys and lists groups at most once', async () => {
		const groups = Array.from({ length: 150 }, (_, i) => ({ name: `grp-${i}` }));
		const users = Array.from({ length: 60 }, (_, i) => ({
			username: `user${i}`,
			alias1: `00u${i}`,
		}));
		fake = await startDuo({ groups, users });
		const events = users.map((user, i) =>
			membershipEvent(
				'group.member_added',
				{ id: user.alias1, login: user.username },
				{ id: `00g${i}`, name: `grp-${i * 2}` },
			),
		);
		const output = await applyEvents(fake, events);
		expect(output.every((o) => o.action === 'group_added')).toBe(true);
		expect(fake.counts().byRoute).toEqual({
			'GET /admin/v1/users': 2, // 180 keys (tenant anchor, earlier anchor, login per event) in chunks of 100
			'GET /admin/v1/groups': 2, // one listing of 150 groups, pages of 100
			'POST /admin/v1/users/:id/groups': 60,
		});
		const lookups = fake.calls
			.filter((c) => c.route === 'GET /admin/v1/users')
			.map((c) => JSON.parse(c.params.username_list).length);
		expect(lookups.sort()).toEqual([100, 80]);
	});

	it('keeps each batched lookup URL short when usernames are long', async () => {
		const long = (i: number) => `${'very.long.username.'.repeat(4)}${i}@example.com`;
		fake = await startDuo({ users: Array.from({ length: 40 }, (_, i) => ({ username: long(i) })) });
		const events = Array.from({ length: 40 }, (_, i) =>
			userEvent('user.suspended', { id: `00u${i}`, login: long(i) }),
		);
		const output = await applyEvents(fake, events);
		expect(output.every((o) => o.action === 'disabled')).toBe(true);
		const lookups = fake.calls.filter((c) => c.route === 'GET /admin/v1/users');
		expect(lookups.length).toBe(2);
		for (const call of lookups)
			expect(encodeURIComponent(call.params.username_list).length).toBeLessThanOrEqual(4000);
	});

	it('resolves groups from the users already read, without listing all groups', async () => {
		fake = await startDuo({
			groups: Array.from({ length: 300 }, (_, i) => ({ name: `grp-${i}` })),
			users: [
				{ username: 'a', alias1: '00uA', groups: [{ name: 'grp-7' }] },
				{ username: 'b', alias1: '00uB' },
			],
		});
		const output = await applyEvents(fake, [
			membershipEvent(
				'group.member_added',
				{ id: '00uB', login: 'b' },
				{ id: '00g7', name: 'grp-7' },
			),
			membershipEvent(
				'group.member_removed',
				{ id: '00uA', login: 'a' },
				{ id: '00g7', name: 'grp-7' },
			),
		]);
		expect(output.map((o) => o.action)).toEqual(['group_added', 'group_removed']);
		expect(fake.counts().byRoute['GET /admin/v1/groups']).toBeUndefined();
	});
});
