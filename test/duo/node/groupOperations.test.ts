import type { FakeDuo } from '../../../sandbox/duo/server';
import { FAST, runDuo, startDuo } from '../helpers';

const byName = (value: string) => ({ __rl: true, mode: 'name', value });

describe('Group operations', () => {
	let fake: FakeDuo;
	afterEach(async () => fake.close());

	it('creates a group once; a second create leaves it unchanged', async () => {
		fake = await startDuo();
		const parameters = {
			resource: 'group',
			operation: 'create',
			name: 'MFA Users',
			options: { ...FAST, description: 'synced' },
		};
		const [created] = await runDuo(fake, parameters);
		expect(created.json).toMatchObject({
			action: 'group_created',
			groupId: expect.stringMatching(/^DG/),
		});
		fake.resetCounts();
		const [again] = await runDuo(fake, parameters);
		expect(again.json).toEqual({
			action: 'unchanged',
			reason: 'group exists',
			groupName: 'MFA Users',
			groupId: created.json.groupId,
		});
		expect(fake.counts()).toMatchObject({ writes: 0 });
		expect(fake.snapshot().groups).toEqual([
			expect.objectContaining({ name: 'MFA Users', desc: 'synced' }),
		]);
	});

	it('renames by name or id, and is idempotent', async () => {
		fake = await startDuo({
			groups: [{ name: 'Old' }],
			users: [{ username: 'jane', groups: [{ name: 'Old' }] }],
		});
		const id = fake.snapshot().groups[0].group_id;
		const [renamed] = await runDuo(fake, {
			resource: 'group',
			operation: 'rename',
			group: byName('old'),
			newName: 'New',
			options: FAST,
		});
		expect(renamed.json).toEqual({
			action: 'group_renamed',
			groupName: 'New',
			groupId: id,
			changes: { name: { from: 'Old', to: 'New' } },
		});
		const [again] = await runDuo(fake, {
			resource: 'group',
			operation: 'rename',
			group: { __rl: true, mode: 'id', value: id },
			newName: 'New',
			options: FAST,
		});
		expect(again.json.action).toBe('unchanged');
		expect(fake.snapshot().users[0].groupNames).toEqual(['New']);
	});

	it('deletes a group; its members stay; a missing group is skipped', async () => {
		fake = await startDuo({
			groups: [{ name: 'Gone' }],
			users: [{ username: 'jane', groups: [{ name: 'Gone' }] }],
		});
		const [deleted] = await runDuo(fake, {
			resource: 'group',
			operation: 'delete',
			group: byName('Gone'),
			options: FAST,
		});
		expect(deleted.json).toMatchObject({ action: 'group_deleted', changes: { name: { from: 'Gone', to: null } } });
		expect(fake.snapshot()).toMatchObject({
			groups: [],
			users: [expect.objectContaining({ username: 'jane', groups: [], groupNames: [] })],
		});
		const [skipped] = await runDuo(fake, {
			resource: 'group',
			operation: 'delete',
			group: byName('Gone'),
			options: FAST,
		});
		expect(skipped.json).toEqual({ action: 'skipped', reason: 'group not found' });
	});

	it('gets many groups across pages, or only up to the limit', async () => {
		fake = await startDuo({
			groups: Array.from({ length: 230 }, (_, i) => ({ name: `g${String(i).padStart(3, '0')}` })),
		});
		const all = await runDuo(fake, {
			resource: 'group',
			operation: 'getAll',
			returnAll: true,
			options: FAST,
		});
		expect(all).toHaveLength(230);
		expect(all[229]).toEqual({
			json: { name: 'g229', id: expect.any(String), description: '' },
			pairedItem: { item: 0 },
		});
		expect(fake.counts().byRoute['GET /admin/v1/groups']).toBe(3);
		fake.resetCounts();
		const some = await runDuo(fake, {
			resource: 'group',
			operation: 'getAll',
			returnAll: false,
			limit: 5,
			options: FAST,
		});
		expect(some.map((item) => item.json.name)).toEqual(['g000', 'g001', 'g002', 'g003', 'g004']);
		expect(fake.calls.map((call) => call.params.limit)).toEqual(['5']);
	});
});
