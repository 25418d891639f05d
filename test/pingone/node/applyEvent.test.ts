import type { FakePingOne } from '../../../sandbox/pingone/server';
import { groupEvent, membershipEvent, mfaResetEvent, userEvent } from '../../duo/helpers';
import { applyToPingOne, pingOneWrites, startFakePingOne } from '../helpers';

const ANCHOR = 'idp:okta:example.okta.com/00uJ';
const jane = {
	id: '00uJ',
	login: 'jane',
	email: 'jane@example.com',
	givenName: 'Jane',
	familyName: 'Doe',
	status: 'active' as const,
};
const VPN = { id: '00gV', name: 'VPN' };

const routes = (fake: FakePingOne) => fake.calls.filter((call) => call.kind !== 'token').map((call) => call.route);
const user = (fake: FakePingOne, username: string) => fake.snapshot().users.find((u) => u.username === username);

describe('PingOne MFA: Apply Identity Event', () => {
	let fake: FakePingOne;
	afterEach(async () => await fake.close());

	it("follows a user's life: created with its profile and anchor, grouped, disabled, reset, deleted", async () => {
		fake = await startFakePingOne({ seed: { groups: [{ name: 'VPN' }] } });
		const results = await applyToPingOne(fake, [
			userEvent('user.created', jane),
			membershipEvent('group.member_added', jane, VPN),
			userEvent('user.suspended', jane),
		]);
		expect(results.map((result) => result.action)).toEqual(['created', 'group_added', 'disabled']);
		expect(fake.state.users.get(String(results[0].userId))).toMatchObject({
			username: 'jane',
			email: 'jane@example.com',
			name: { given: 'Jane', family: 'Doe', formatted: 'Jane Doe' },
			externalId: ANCHOR,
			enabled: false,
		});
		expect(user(fake, 'jane')?.groups).toEqual(['VPN']);

		fake.addDevice('jane', { type: 'TOTP' });
		fake.addDevice('jane', { type: 'FIDO2' });
		const [reset, removed, deleted] = await applyToPingOne(fake, [
			mfaResetEvent(jane),
			membershipEvent('group.member_removed', jane, VPN),
			userEvent('user.deleted', jane),
		]);
		expect(reset).toMatchObject({ action: 'reset', changes: { devices: { from: [{ kind: 'TOTP' }, { kind: 'FIDO2' }], to: [] } } });
		expect(removed).toMatchObject({ action: 'group_removed', groupName: 'VPN' });
		expect(deleted).toMatchObject({ action: 'deleted', username: 'jane' });
		expect(fake.snapshot().users).toEqual([]);
		expect(fake.snapshot().groups.map((group) => group.name)).toEqual(['VPN']);
	});

	it('finds a renamed user by its anchor and renames it, instead of creating another', async () => {
		fake = await startFakePingOne({ seed: { users: [{ username: 'jane', email: 'jane@example.com', externalId: ANCHOR }] } });
		const [result] = await applyToPingOne(fake, [userEvent('user.updated', { ...jane, login: 'jane.doe' })]);
		expect(result).toMatchObject({ action: 'updated', username: 'jane.doe', changes: { username: { from: 'jane', to: 'jane.doe' } } });
		expect(fake.snapshot().users.map((u) => u.username)).toEqual(['jane.doe']);
	});

	it('looks up every user of an execution in one request, and reads groups only for membership events', async () => {
		fake = await startFakePingOne({
			seed: { users: ['ann', 'bob', 'cy'].map((name) => ({ username: name, email: `${name}@example.com` })), groups: [{ name: 'VPN' }] },
		});
		const people = ['ann', 'bob', 'cy'].map((name) => ({ id: `00u${name}`, login: name, email: `${name}@example.com` }));
		const results = await applyToPingOne(fake, [
			userEvent('user.suspended', people[0]),
			userEvent('user.suspended', people[1]),
			membershipEvent('group.member_added', people[2], VPN),
		]);
		expect(results.map((result) => result.action)).toEqual(['disabled', 'disabled', 'group_added']);
		expect(routes(fake)).toEqual([
			'GET /users',
			'PUT /users/:id/enabled',
			'PUT /users/:id/enabled',
			'GET /users/:id',
			'GET /groups',
			'POST /users/:id/memberOfGroups',
		]);
		expect(fake.calls.find((call) => call.route === 'GET /users/:id')?.query).toEqual({ include: 'memberOfGroupIDs' });
	});

	it('does not create a user the IdP gives no email for, and says why', async () => {
		fake = await startFakePingOne();
		const [result] = await applyToPingOne(fake, [userEvent('user.created', { id: '00uN', login: 'noemail' })]);
		expect(result).toMatchObject({
			action: 'skipped',
			reason: 'not created: PingOne needs email to create a user, and the identity provider gave none',
		});
		expect(pingOneWrites(fake)).toEqual([]);
	});

	it('creates a user the IdP reports suspended as a disabled user', async () => {
		fake = await startFakePingOne();
		const suspended = { ...userEvent('user.created', { ...jane, status: 'suspended' as const }) };
		const [result] = await applyToPingOne(fake, [{ ...suspended, enrichment: { status: 'enriched', observedAt: '2026-11-01T10:00:05.000Z' } }]);
		expect(result).toMatchObject({ action: 'created', changes: { status: { from: null, to: 'disabled' } } });
		expect(pingOneWrites(fake).map(({ method, path }) => `${method} ${path.replace(/[0-9a-f-]{36}/, ':id')}`)).toEqual([
			'POST /users',
			'PUT /users/:id/enabled',
		]);
		expect(user(fake, 'jane')?.enabled).toBe(false);
	});

	it('keeps groups: a created, renamed and deleted IdP group follows by its marker', async () => {
		fake = await startFakePingOne({ seed: { groups: [{ name: 'Admins' }] } });
		const finance = { id: '00gF', name: 'Finance' };
		const results = await applyToPingOne(fake, [
			groupEvent('group.created', finance),
			groupEvent('group.renamed', { ...finance, name: 'Finance EU', previousName: 'Finance' }),
			groupEvent('group.deleted', { id: '00gADMINS', name: 'Admins' }),
		]);
		expect(results.map((result) => result.action)).toEqual(['group_created', 'group_renamed', 'skipped']);
		expect(fake.snapshot().groups).toEqual([
			expect.objectContaining({ name: 'Admins' }),
			expect.objectContaining({ name: 'Finance EU', description: 'idp:okta:example.okta.com/00gF' }),
		]);
		const [deleted] = await applyToPingOne(fake, [groupEvent('group.deleted', { ...finance, name: 'Finance EU' })]);
		expect(deleted).toMatchObject({ action: 'group_deleted', groupName: 'Finance EU' });
		expect(fake.snapshot().groups.map((group) => group.name)).toEqual(['Admins']);
	});

	it('renames a group by writing it whole, keeping its population and external id', async () => {
		fake = await startFakePingOne();
		const population = [...fake.state.populations.keys()][0];
		fake.state.groups.set('g-1', {
			id: 'g-1',
			name: 'Old',
			description: 'idp:okta:example.okta.com/00gO',
			population: { id: population },
			externalId: 'ext-1',
		});
		await applyToPingOne(fake, [groupEvent('group.renamed', { id: '00gO', name: 'New', previousName: 'Old' })]);
		expect(pingOneWrites(fake)).toEqual([
			{
				method: 'PUT',
				path: '/groups/g-1',
				params: { name: 'New', description: 'idp:okta:example.okta.com/00gO', population: { id: population }, externalId: 'ext-1' },
			},
		]);
	});

	it('lists groups once per process until the cache ages, and lists afresh for a group it does not know', async () => {
		fake = await startFakePingOne({ seed: { users: [{ username: 'ann', email: 'ann@example.com' }], groups: [{ name: 'VPN' }] } });
		const ann = { id: '00uA', login: 'ann', email: 'ann@example.com' };
		await applyToPingOne(fake, [membershipEvent('group.member_added', ann, VPN)]);
		await applyToPingOne(fake, [membershipEvent('group.member_removed', ann, VPN)]);
		expect(routes(fake).filter((route) => route === 'GET /groups')).toHaveLength(1);
		fake.state.groups.set('made-in-console', { id: 'made-in-console', name: 'Console' });
		const [added] = await applyToPingOne(fake, [membershipEvent('group.member_added', ann, { id: '00gC', name: 'Console' })]);
		expect(added).toMatchObject({ action: 'group_added', groupId: 'made-in-console' });
		expect(routes(fake).filter((route) => route === 'GET /groups')).toHaveLength(2);
		expect(fake.snapshot().groups.map((group) => group.name)).toEqual(['VPN', 'Console']);
	});

	it('finds a group again when its remembered id is out of date, and writes to the new one', async () => {
		fake = await startFakePingOne({ seed: { users: [{ username: 'ann', email: 'ann@example.com' }], groups: [{ id: 'g-old', name: 'VPN' }] } });
		const ann = { id: '00uA', login: 'ann', email: 'ann@example.com' };
		await applyToPingOne(fake, [userEvent('user.updated', ann)]);
		await applyToPingOne(fake, [groupEvent('group.created', { id: '00gX', name: 'Unrelated' })]);
		fake.state.groups.delete('g-old');
		fake.state.groups.set('g-new', { id: 'g-new', name: 'VPN' });
		const [added] = await applyToPingOne(fake, [membershipEvent('group.member_added', ann, VPN)]);
		expect(added).toMatchObject({ action: 'group_added', groupId: 'g-new' });
		expect(fake.calls.filter((call) => call.route === 'POST /users/:id/memberOfGroups').map((call) => call.status)).toEqual([404, 201]);
		expect(user(fake, 'ann')?.groups).toEqual(['VPN']);
	});

	it('takes a create whose answer was lost as done, and changes nothing twice', async () => {
		fake = await startFakePingOne();
		fake.injectFaults({ drop: true, count: 1, route: 'POST /users', afterApply: true });
		const [result] = await applyToPingOne(fake, [userEvent('user.created', jane)]);
		expect(result).toMatchObject({ action: 'created', existedAlready: ['jane'] });
		expect(fake.snapshot().users.map((u) => u.username)).toEqual(['jane']);
	});
});
