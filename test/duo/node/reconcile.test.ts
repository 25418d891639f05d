import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { DirectoryUser, IdentityUser } from '../../../nodes/shared/model';
import type { FakeDuo, FakeDuoSeedUser } from '../../../sandbox/duo/server';
import { FAST, runDuo, startDuo, writesSent } from '../helpers';

const TENANT = 'acme.okta.com';
const anchor = (id: string) => `idp:okta:${TENANT}/${id}`;

const person = (id: string, login: string, extra: Partial<IdentityUser> = {}): DirectoryUser => ({
	schemaVersion: 1,
	type: 'directory.user',
	idp: 'okta',
	tenant: TENANT,
	observedAt: '2026-11-02T08:00:00.000Z',
	user: { id, login, email: login, givenName: login.split('@')[0], familyName: 'Person', status: 'active', groups: [], attributes: {}, ...extra },
});

const directory = () => [
	person('00uANN', 'ann@acme.test', { groups: [{ id: '00gVPN', name: 'VPN' }] }),
	person('00uBOB', 'bob@acme.test', { familyName: 'Builder', status: 'suspended', groups: [{ id: '00gVPN', name: 'VPN' }] }),
	person('00uCAL', 'cal@acme.test', { groups: [{ id: '00gSALES', name: 'Sales' }] }),
	person('00uSVC', 'svc-backup@acme.test'),
];

/** Duo before: Bob drifted, Cal in a group the IdP removed him from, an orphan, and people the sync never made. */
const duoBefore = (): FakeDuoSeedUser[] => [
	{ username: 'bob@acme.test', lastname: 'Old', status: 'active', alias1: anchor('00uBOB'), groups: [{ name: 'VPN' }, { name: 'Admins' }] },
	{ username: 'cal@acme.test', lastname: 'Person', realname: 'cal Person', firstname: 'cal', email: 'cal@acme.test', alias1: anchor('00uCAL'), groups: [{ name: 'VPN' }, { name: 'Sales' }] },
	{ username: 'gone@acme.test', alias1: anchor('00uGONE'), groups: [{ name: 'VPN' }] },
	{ username: 'legacy@acme.test', alias1: '00uLEGACY' },
	{ username: 'svc-backup@acme.test', lastname: 'Keep', status: 'disabled', alias1: anchor('00uSVC'), groups: [{ name: 'VPN' }] },
	{ username: 'breakglass', groups: [{ name: 'Admins' }] },
];

const seed = () =>
	startDuo({ groups: [{ name: 'VPN' }, { name: 'Sales' }, { name: 'Admins' }], users: duoBefore() });

async function reconcile(fake: FakeDuo, entries: DirectoryUser[], parameters: INodeParameters = {}, run = {}) {
	const { options, ...rest } = parameters as { options?: IDataObject };
	const output = await runDuo(
		fake,
		{
			resource: 'directory',
			operation: 'reconcile',
			mapping: 'json',
			mappingProfile: JSON.stringify({ username: '{{ idp.login }}', attributes: { lastname: '{{ idp.familyName }}', alias1: '{{ idp.id }}' }, rules: [{ notContains: ['{{ idp.login }}', 'svc-'] }] }),
			...rest,
			options: { ...FAST, ...(options ?? {}) },
		},
		entries.map((entry) => ({ json: entry as unknown as IDataObject })),
		run,
	);
	return output.map((item) => item.json);
}

const state = (fake: FakeDuo) =>
	Object.fromEntries(fake.snapshot().users.map((u) => [u.username, { status: u.status, lastname: u.lastname, groups: u.groupNames }]));

describe('Directory: Reconcile', () => {
	let fake: FakeDuo;
	afterEach(async () => fake?.close());

	it('plans first: a dry run writes nothing and reports counts, drift and each change with before and after', async () => {
		fake = await seed();
		const before = fake.snapshot();
		const [summary, ...items] = await reconcile(fake, directory());
		expect(writesSent(fake)).toEqual([]);
		expect(fake.snapshot()).toEqual(before);
		expect(summary).toMatchObject({
			action: 'reconcile',
			dryRun: true,
			users: 4,
			orphans: 1,
			excluded: 1,
			actions: { created: 1, disabled: 2, updated: 1 },
			drift: { lastname: 1, status: 2, groups: 1 },
		});
		const byUser = Object.fromEntries(items.map((item) => [item.username, item]));
		expect(byUser['ann@acme.test']).toMatchObject({ action: 'created', changes: { 'group:VPN': { from: false, to: true } } });
		expect(byUser['bob@acme.test']).toMatchObject({ action: 'disabled', changes: { lastname: { from: 'Old', to: 'Builder' }, status: { from: 'active', to: 'disabled' } } });
		expect(byUser['cal@acme.test']).toMatchObject({ action: 'updated', changes: { 'group:VPN': { from: true, to: false } } });
		expect(byUser['gone@acme.test']).toMatchObject({ action: 'disabled', reason: expect.stringMatching(/^orphan/) });
		expect(items.every((item) => Array.isArray(item.plan) && Array.isArray(item.plannedWrites))).toBe(true);
	});

	it('applies the plan it showed, write for write; excluded, unanchored and unmanaged stay untouched', async () => {
		const dry = await seed();
		const planned = await reconcile(dry, directory());
		await dry.close();
		fake = await seed();
		const [summary] = await reconcile(fake, directory(), { dryRun: false });
		expect(summary).toMatchObject({ dryRun: false, planned: 4, applied: 4 });
		const plannedWrites = planned.slice(1).flatMap((item) => item.plannedWrites as IDataObject[]).map(({ method, path, params }) => ({ method, path, params }));
		const ann = fake.snapshot().users.find((u) => u.username === 'ann@acme.test');
		const asSent = JSON.parse(JSON.stringify(plannedWrites).split('planned%3Aann%40acme.test').join(ann?.user_id as string));
		const canonical = (value: unknown): unknown =>
			value && typeof value === 'object' && !Array.isArray(value)
				? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]))
				: value;
		const sorted = (writes: unknown[]) => writes.map((write) => JSON.stringify(canonical(write))).sort();
		// Users are changed a few at a time, so the writes of different users interleave.
		expect(sorted(asSent)).toEqual(sorted(writesSent(fake)));
		expect(state(fake)).toEqual({
			'ann@acme.test': { status: 'active', lastname: 'Person', groups: ['VPN'] },
			'bob@acme.test': { status: 'disabled', lastname: 'Builder', groups: ['Admins', 'VPN'] },
			'cal@acme.test': { status: 'active', lastname: 'Person', groups: ['Sales'] },
			'gone@acme.test': { status: 'disabled', lastname: '', groups: ['VPN'] },
			'legacy@acme.test': { status: 'active', lastname: '', groups: [] },
			'svc-backup@acme.test': { status: 'disabled', lastname: 'Keep', groups: ['VPN'] },
			breakglass: { status: 'active', lastname: '', groups: ['Admins'] },
		});
		const [again] = await reconcile(fake, directory(), { dryRun: false });
		expect(again).toMatchObject({ planned: 0, applied: 0 });
	});

	it('refuses an empty directory, mixed tenants, and items that are not directory users, writing nothing', async () => {
		fake = await seed();
		await expect(reconcile(fake, [], { dryRun: false })).rejects.toThrow('Reconcile got no directory users');
		const other = { ...person('00uX', 'x@sub.test'), tenant: 'sub.okta.com' };
		await expect(reconcile(fake, [...directory(), other], { dryRun: false })).rejects.toThrow('more than one tenant');
		await expect(
			runDuo(fake, { resource: 'directory', operation: 'reconcile', dryRun: false, options: FAST }, [{ json: { login: 'x' } }]),
		).rejects.toThrow('The input item is not a directory user');
		expect(writesSent(fake)).toEqual([]);
	});

	it('stops above the removal threshold and says how to go on; the override applies', async () => {
		fake = await startDuo({
			groups: [{ name: 'VPN' }],
			users: Array.from({ length: 12 }, (_, i) => ({ username: `old${i}@acme.test`, alias1: anchor(`00uOLD${i}`) })),
		});
		const [blocked] = await reconcile(fake, directory().slice(0, 1), { dryRun: false, options: { thresholdCount: 10 } });
		expect(blocked).toMatchObject({ blocked: true, removals: 12, applied: 0, reason: expect.stringContaining('Allow Removals Above Threshold') });
		expect(writesSent(fake)).toEqual([]);
		const [allowed] = await reconcile(fake, directory().slice(0, 1), {
			dryRun: false,
			options: { thresholdCount: 10, allowLargeRemovals: true },
		});
		expect(allowed).toMatchObject({ applied: 13 });
		expect(fake.snapshot().users.filter((u) => u.status === 'disabled')).toHaveLength(12);
	});

	it('a rerun after a failure half way converges and repeats no write', async () => {
		const clean = await seed();
		await reconcile(clean, directory(), { dryRun: false });
		const cleanWrites = writesSent(clean).length;
		const expected = state(clean);
		await clean.close();

		fake = await seed();
		fake.injectFaults({ status: 400, route: 'POST /admin/v1/users/:id/groups', count: 1 });
		await expect(reconcile(fake, directory(), { dryRun: false })).rejects.toMatchObject({
			description: expect.stringMatching(/Applied \d of 4 changes; run Reconcile again to continue/),
		});
		const failedCalls = fake.calls.filter((call) => call.status === 400).length;
		await reconcile(fake, directory(), { dryRun: false });
		expect(state(fake)).toEqual(expected);
		expect(writesSent(fake).length - failedCalls).toBe(cleanWrites);
	});
});
