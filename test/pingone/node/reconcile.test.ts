import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { DirectoryUser, IdentityUser } from '../../../nodes/shared/model';
import type { FakePingOne } from '../../../sandbox/pingone/server';
import { FAST, pingOneWrites, runPingOne, startFakePingOne } from '../helpers';

const TENANT = 'acme.okta.com';
const anchor = (id: string) => `idp:okta:${TENANT}/${id}`;

const person = (id: string, login: string, extra: Partial<IdentityUser> = {}): DirectoryUser => ({
	schemaVersion: 1,
	type: 'directory.user',
	idp: 'okta',
	tenant: TENANT,
	observedAt: '2026-11-02T08:00:00.000Z',
	user: { id, login, email: login, givenName: 'Pat', familyName: 'Person', status: 'active', groups: [], attributes: {}, ...extra },
});

const directory = () => [
	person('00uANN', 'ann@acme.test', { groups: [{ id: '00gVPN', name: 'VPN' }] }),
	person('00uBOB', 'bob@acme.test', { familyName: 'Builder', status: 'suspended', groups: [{ id: '00gVPN', name: 'VPN' }] }),
	person('00uCAL', 'cal@acme.test', { groups: [{ id: '00gSALES', name: 'Sales' }] }),
];

const seed = async () =>
	await startFakePingOne({
		seed: {
			groups: [{ name: 'VPN' }, { name: 'Sales' }, { name: 'Admins' }],
			users: [
				{ username: 'bob@acme.test', email: 'bob@acme.test', name: { given: 'Pat', family: 'Old' }, externalId: anchor('00uBOB'), groups: ['VPN', 'Admins'] },
				{ username: 'cal@acme.test', email: 'cal@acme.test', name: { given: 'Pat', family: 'Person' }, externalId: anchor('00uCAL'), groups: ['VPN', 'Sales'] },
				{ username: 'gone@acme.test', email: 'gone@acme.test', externalId: anchor('00uGONE'), groups: ['VPN'] },
				{ username: 'breakglass', email: 'ops@acme.test', groups: ['Admins'] },
			],
		},
	});

async function reconcile(fake: FakePingOne, parameters: INodeParameters = {}) {
	const output = await runPingOne(
		fake,
		{ resource: 'directory', operation: 'reconcile', usernameSource: 'login', ...parameters, options: { ...FAST } },
		directory().map((entry) => ({ json: entry as unknown as IDataObject })),
	);
	return output.map((item) => item.json);
}

const state = (fake: FakePingOne) =>
	Object.fromEntries(
		fake.snapshot().users.map((u) => [u.username, { enabled: u.enabled, family: u.name?.family, groups: u.groups }]),
	);

describe('PingOne MFA › Directory: Reconcile', () => {
	let fake: FakePingOne;
	afterEach(async () => await fake?.close());

	it('reads the environment in a listing plus one member listing per group, never a read per user', async () => {
		fake = await seed();
		const [summary] = await reconcile(fake);
		expect(pingOneWrites(fake)).toEqual([]);
		expect(summary).toMatchObject({ action: 'reconcile', dryRun: true, users: 3, orphans: 1, actions: { created: 1, disabled: 2, updated: 1 } });
		const { byRoute } = fake.counts();
		const memberListings = fake.calls.filter((call) => call.route === 'GET /users' && /memberOfGroups/.test(call.query.filter ?? ''));
		expect(memberListings).toHaveLength(3);
		expect(byRoute['GET /users/:id'] ?? 0).toBe(0);
	});

	it('applies the plan and converges: a second run plans nothing; unanchored users are never touched', async () => {
		fake = await seed();
		const [summary] = await reconcile(fake, { dryRun: false });
		expect(summary).toMatchObject({ dryRun: false, planned: 4, applied: 4 });
		expect(state(fake)).toEqual({
			'ann@acme.test': { enabled: true, family: 'Person', groups: ['VPN'] },
			'bob@acme.test': { enabled: false, family: 'Builder', groups: ['Admins', 'VPN'] },
			'cal@acme.test': { enabled: true, family: 'Person', groups: ['Sales'] },
			'gone@acme.test': { enabled: false, family: undefined, groups: ['VPN'] },
			breakglass: { enabled: true, family: undefined, groups: ['Admins'] },
		});
		fake.resetCounts();
		const [again] = await reconcile(fake, { dryRun: false });
		expect(again).toMatchObject({ planned: 0, applied: 0 });
		expect(pingOneWrites(fake)).toEqual([]);
	});
});
