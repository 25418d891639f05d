import type { IDataObject } from 'n8n-workflow';

import { readGroupSnapshot } from '../../../nodes/DuoSecurity/client/groupSnapshot';
import type { FakeDuo } from '../../../sandbox/duo/server';
import {
	FAST,
	applyEvents,
	groupEvent,
	membershipEvent,
	runDuo,
	startDuo,
	userEvent,
} from '../helpers';

const LISTING = 'GET /admin/v1/groups';

/** 150 groups: the listing takes two pages. */
const manyGroups = () => [
	{ name: 'staff' },
	{ name: 'VPN' },
	...Array.from({ length: 148 }, (_, i) => ({ name: `team-${i}` })),
];

const seed = () =>
	startDuo({
		groups: manyGroups(),
		users: ['ann', 'bob', 'cid', 'dee'].map((username) => ({
			username,
			alias1: `00u-${username}`,
		})),
	});

const user = (login: string) => ({ id: `00u-${login}`, login });
const join = (login: string, group: string, id = `00g-${group}`) =>
	membershipEvent('group.member_added', user(login), { id, name: group });

const listings = (fake: FakeDuo) => fake.calls.filter((call) => call.route === LISTING).length;
const writes = (fake: FakeDuo) => fake.calls.filter((call) => call.method !== 'GET');
const groupNamed = (fake: FakeDuo, name: string) =>
	fake.snapshot().groups.find((group) => group.name === name);
const groupsOf = (fake: FakeDuo, username: string) =>
	fake.snapshot().users.find((u) => u.username === username)?.groupNames;

/** The group directory this process keeps for the fake's API host; the node keeps none in static data. */
function snapshotOf(staticData: IDataObject, fake: FakeDuo) {
	expect(staticData).toEqual({});
	return readGroupSnapshot({ host: fake.url.toLowerCase(), maxAgeMs: 24 * 3600_000 }, Date.now()) as {
		listedAt: number;
		groups: Array<{ group_id: string; name: string; desc?: string | null }>;
	};
}

/** Changes Duo the way another admin would: through its own node run, without our static data. */
async function elsewhere(fake: FakeDuo, parameters: IDataObject) {
	const [item] = await runDuo(fake, { options: { ...FAST, groupCacheMaxAge: 0 }, ...parameters });
	return item.json;
}

describe('group directory kept across executions', () => {
	let fake: FakeDuo;
	afterEach(async () => fake.close());

	it('lists groups in the first execution only; the next one looks groups up in the snapshot', async () => {
		fake = await seed();
		const staticData: IDataObject = {};
		await applyEvents(fake, [join('ann', 'staff')], {}, {}, { staticData });
		expect(listings(fake)).toBe(2);
		const saved = snapshotOf(staticData, fake);
		expect(saved.groups).toHaveLength(150);
		expect(saved.groups[0]).toEqual({ group_id: expect.any(String), name: 'staff', desc: '' });
		expect(Date.now() - saved.listedAt).toBeLessThan(60_000);

		fake.resetCounts();
		const out = await applyEvents(
			fake,
			[join('bob', 'VPN'), join('cid', 'team-147')],
			{},
			{},
			{ staticData },
		);
		expect(out.map((item) => item.action)).toEqual(['group_added', 'group_added']);
		expect(listings(fake)).toBe(0);
		expect(groupsOf(fake, 'cid')).toEqual(['team-147']);
		expect(snapshotOf(staticData, fake).listedAt).toBe(saved.listedAt);
	});

	it('finds a group created directly in Duo instead of creating it a second time', async () => {
		fake = await seed();
		const staticData: IDataObject = {};
		await applyEvents(fake, [join('ann', 'staff')], {}, {}, { staticData });
		await elsewhere(fake, { resource: 'group', operation: 'create', name: 'Finance' });
		fake.resetCounts();

		const [result] = await applyEvents(fake, [join('bob', 'Finance')], {}, {}, { staticData });
		expect(result.action).toBe('group_added');
		expect(result.changes).toEqual({ 'group:Finance': { from: false, to: true } });
		expect(listings(fake)).toBe(2);
		expect(fake.calls.filter((call) => call.route === 'POST /admin/v1/groups')).toHaveLength(0);
		expect(fake.snapshot().groups.filter((group) => group.name === 'Finance')).toHaveLength(1);
		expect(snapshotOf(staticData, fake).groups.map((group) => group.name)).toContain('Finance');
	});

	it('retries once with the fresh id when a remembered group was deleted and recreated in Duo', async () => {
		fake = await seed();
		const staticData: IDataObject = {};
		await applyEvents(fake, [join('ann', 'VPN')], {}, {}, { staticData });
		const oldId = groupNamed(fake, 'VPN')?.group_id;
		await elsewhere(fake, {
			resource: 'group',
			operation: 'delete',
			group: { mode: 'name', value: 'VPN' },
		});
		await elsewhere(fake, { resource: 'group', operation: 'create', name: 'VPN' });
		const newId = groupNamed(fake, 'VPN')?.group_id;
		expect(newId).not.toBe(oldId);
		fake.resetCounts();

		const [result] = await applyEvents(fake, [join('bob', 'VPN')], {}, {}, { staticData });
		expect(result).toMatchObject({ action: 'group_added', groupId: newId });
		expect(writes(fake).map((call) => [call.status, call.params.group_id])).toEqual([
			[400, oldId],
			[200, newId],
		]);
		expect(listings(fake)).toBe(2);
		expect(groupsOf(fake, 'bob')).toEqual(['VPN']);
		const remembered = snapshotOf(staticData, fake).groups.find((group) => group.name === 'VPN');
		expect(remembered?.group_id).toBe(newId);
	});

	it('creates a remembered group that was deleted in Duo, when creating groups is on', async () => {
		fake = await seed();
		const staticData: IDataObject = {};
		await applyEvents(fake, [join('ann', 'VPN')], {}, {}, { staticData });
		await elsewhere(fake, {
			resource: 'group',
			operation: 'delete',
			group: { mode: 'name', value: 'VPN' },
		});
		fake.resetCounts();

		const [result] = await applyEvents(fake, [join('bob', 'VPN')], {}, {}, { staticData });
		expect(result.action).toBe('group_added');
		expect(result.changes).toEqual({ 'group:VPN': { from: false, to: true } });
		expect(result.created).toEqual(['group']);
		expect(writes(fake).map((call) => [call.route, call.status])).toEqual([
			['POST /admin/v1/users/:id/groups', 400],
			['POST /admin/v1/groups', 200],
			['POST /admin/v1/users/:id/groups', 200],
		]);
		expect(groupsOf(fake, 'bob')).toEqual(['VPN']);
	});

	it('skips a group event whose remembered group is gone from Duo', async () => {
		fake = await startDuo({ groups: [{ name: 'Old', desc: 'idp:okta:00gOLD' }] });
		const staticData: IDataObject = {};
		await applyEvents(
			fake,
			[groupEvent('group.created', { id: '00gX', name: 'X' })],
			{},
			{},
			{
				staticData,
			},
		);
		await elsewhere(fake, {
			resource: 'group',
			operation: 'delete',
			group: { mode: 'name', value: 'Old' },
		});
		fake.resetCounts();
		const [result] = await applyEvents(
			fake,
			[groupEvent('group.renamed', { id: '00gOLD', name: 'New', previousName: 'Old' })],
			{},
			{},
			{ staticData },
		);
		expect(result).toMatchObject({ action: 'skipped', reason: 'group not found' });
		expect(writes(fake).map((call) => call.status)).toEqual([404]);
	});

	it('never exchanges a group named by its ID for another group of the same name', async () => {
		fake = await seed();
		const staticData: IDataObject = {};
		await applyEvents(fake, [join('ann', 'VPN')], {}, {}, { staticData });
		const oldId = groupNamed(fake, 'VPN')?.group_id as string;
		await elsewhere(fake, {
			resource: 'group',
			operation: 'delete',
			group: { mode: 'id', value: oldId },
		});
		await elsewhere(fake, { resource: 'group', operation: 'create', name: 'VPN' });
		const newId = groupNamed(fake, 'VPN')?.group_id;
		fake.resetCounts();
		const [item] = await runDuo(
			fake,
			{
				resource: 'group',
				operation: 'delete',
				group: { mode: 'id', value: oldId },
				options: FAST,
			},
			[{ json: {} }],
			{ staticData },
		);
		expect(item.json).toMatchObject({ action: 'skipped', reason: 'group not found' });
		expect(writes(fake).map((call) => [call.path, call.status])).toEqual([
			[`/admin/v1/groups/${oldId}`, 404],
		]);
		expect(groupNamed(fake, 'VPN')?.group_id).toBe(newId);
	});

	it('keeps its own creates, renames and deletes in the snapshot', async () => {
		fake = await seed();
		const staticData: IDataObject = {};
		await applyEvents(
			fake,
			[
				join('ann', 'Contractors', '00gC'),
				groupEvent('group.renamed', { id: '00g-staff', name: 'Staff EU', previousName: 'staff' }),
				groupEvent('group.created', { id: '00g-team-0', name: 'team-0' }),
				groupEvent('group.deleted', { id: '00g-team-0', name: 'team-0' }),
			],
			{},
			{},
			{ staticData },
		);
		const names = snapshotOf(staticData, fake).groups.map((group) => group.name);
		expect(names).toEqual(expect.arrayContaining(['Contractors', 'Staff EU']));
		expect(names).not.toEqual(expect.arrayContaining(['staff']));
		expect(names).not.toEqual(expect.arrayContaining(['team-0']));
		expect(snapshotOf(staticData, fake).groups.find((g) => g.name === 'Contractors')?.desc).toBe(
			'idp:okta:example.okta.com/00gC',
		);

		fake.resetCounts();
		const out = await applyEvents(
			fake,
			[join('bob', 'Contractors', '00gC'), join('cid', 'Staff EU')],
			{},
			{},
			{ staticData },
		);
		expect(out.map((item) => item.action)).toEqual(['group_added', 'group_added']);
		expect(listings(fake)).toBe(0);
	});

	it('takes group names from the users it reads over the snapshot', async () => {
		fake = await startDuo({
			groups: [{ name: 'Sales' }, { name: 'Ops' }],
			users: [
				{ username: 'ann', alias1: '00u-ann', groups: [{ name: 'Sales' }] },
				{ username: 'bob', alias1: '00u-bob' },
			],
		});
		const staticData: IDataObject = {};
		await applyEvents(fake, [join('bob', 'Ops')], {}, {}, { staticData });
		await elsewhere(fake, {
			resource: 'group',
			operation: 'rename',
			group: { mode: 'name', value: 'Sales' },
			newName: 'Sales EMEA',
		});
		await applyEvents(fake, [userEvent('user.updated', user('ann'))], {}, {}, { staticData });
		const names = snapshotOf(staticData, fake).groups.map((group) => group.name);
		expect(names.sort()).toEqual(['Ops', 'Sales EMEA']);
	});

	it('lists again once the snapshot is older than the maximum age', async () => {
		fake = await seed();
		const staticData: IDataObject = {};
		await applyEvents(fake, [join('ann', 'staff')], { groupCacheMaxAge: 5 }, {}, { staticData });
		snapshotOf(staticData, fake).listedAt -= 6 * 60_000;
		fake.resetCounts();
		await applyEvents(fake, [join('bob', 'staff')], { groupCacheMaxAge: 5 }, {}, { staticData });
		expect(listings(fake)).toBe(2);
		expect(Date.now() - snapshotOf(staticData, fake).listedAt).toBeLessThan(60_000);
	});

	it('with a maximum age of 0 neither uses nor changes the directory other nodes keep', async () => {
		fake = await seed();
		const staticData: IDataObject = {};
		await applyEvents(fake, [join('ann', 'staff')], {}, {}, { staticData });
		const kept = snapshotOf(staticData, fake);
		expect(kept).toBeDefined();
		fake.resetCounts();
		await applyEvents(fake, [join('bob', 'staff')], { groupCacheMaxAge: 0 }, {}, { staticData });
		expect(listings(fake)).toBe(1);
		await applyEvents(fake, [join('cid', 'staff')], { groupCacheMaxAge: 0 }, {}, { staticData });
		expect(listings(fake)).toBe(2);
		expect(snapshotOf(staticData, fake)).toBe(kept);
	});

	it('keeps one snapshot per Duo account', async () => {
		fake = await seed();
		const other = await seed();
		try {
			const staticData: IDataObject = {};
			await applyEvents(fake, [join('ann', 'staff')], {}, {}, { staticData });
			await applyEvents(other, [join('ann', 'staff')], {}, {}, { staticData });
			expect(listings(other)).toBe(2);
			expect(snapshotOf(staticData, fake).groups).toHaveLength(150);
			expect(snapshotOf(staticData, other).groups).toHaveLength(150);
			expect(snapshotOf(staticData, fake)).not.toBe(snapshotOf(staticData, other));
		} finally {
			await other.close();
		}
	});
});

describe('Sync Groups with a remembered group that is gone from Duo', () => {
	let fake: FakeDuo;
	afterEach(async () => fake.close());

	it('creates it again when creating groups is on, else reports it missing', async () => {
		fake = await startDuo({ groups: [{ name: 'VPN' }], users: [{ username: 'ann' }, { username: 'bob' }] });
		await applyEvents(fake, [join('ann', 'VPN')]);
		const vpn = groupNamed(fake, 'VPN');
		fake.state.groups.delete(vpn?.group_id as string);
		const add = (username: string, createMissingGroups: boolean) =>
			runDuo(fake, {
				resource: 'user',
				operation: 'syncGroups',
				user: { __rl: true, mode: 'username', value: username },
				groups: 'VPN',
				mode: 'add',
				options: { ...FAST, createMissingGroups },
			});
		const [missing] = await add('bob', false);
		expect(missing.json).toMatchObject({ action: 'unchanged', groups: { added: [], missing: ['VPN'] } });
		const [created] = await add('bob', true);
		expect(created.json).toMatchObject({ groups: { added: ['VPN'], created: ['VPN'] } });
		expect(groupsOf(fake, 'bob')).toEqual(['VPN']);
	});
});
