import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startFakeOkta, type FakeOkta, type FakeOktaUser } from '../../sandbox/okta/server';
import { FAST, oktaGroupNames, oktaUserByLogin, runOktaMfa } from './helpers';

const ANN: FakeOktaUser = {
	id: '00uANN',
	provider: 'FEDERATION',
	profile: { login: 'ann@example.com', email: 'ann@example.com', firstName: 'Ann', lastName: 'Lee' },
	factors: [{ factorType: 'push' }, { factorType: 'sms' }],
};
const byUsername = (value: string) => ({ __rl: true, mode: 'username', value });

describe('Okta MFA node against the fake Okta', () => {
	let okta: FakeOkta;
	afterEach(async () => okta?.close());

	const run = async (parameters: INodeParameters, items: IDataObject[] = [{}], continueOnFail = false) =>
		(await runOktaMfa(okta, { ...parameters, options: { ...FAST, ...((parameters.options as IDataObject) ?? {}) } }, items.map((json) => ({ json })), { continueOnFail })).map(
			(item) => item.json,
		);

	it('Create or Update creates a federated user that is active at once, then writes only what differs', async () => {
		okta = await startFakeOkta();
		const upsert = (lastName: string) =>
			run({
				resource: 'user',
				operation: 'upsert',
				input: 'fields',
				username: 'bo@example.com',
				idpUserId: 'idp:entra:contoso/bo-1',
				additionalFields: { firstName: 'Bo', lastName },
			});
		expect(await upsert('Lin')).toEqual([expect.objectContaining({ action: 'created', username: 'bo@example.com' })]);
		const created = oktaUserByLogin(okta, 'bo@example.com');
		expect(created).toMatchObject({
			status: 'ACTIVE',
			profile: { email: 'bo@example.com', firstName: 'Bo', lastName: 'Lin', idpUserId: 'idp:entra:contoso/bo-1' },
			credentials: { provider: { type: 'FEDERATION' } },
		});
		expect(okta.writes()).toEqual([expect.objectContaining({ method: 'POST', path: '/api/v1/users?activate=true&provider=true' })]);
		expect(await upsert('Lin')).toEqual([expect.objectContaining({ action: 'unchanged' })]);
		expect(await upsert('Lin-Park')).toEqual([
			expect.objectContaining({ action: 'updated', changes: { lastName: { from: 'Lin', to: 'Lin-Park' } } }),
		]);
		expect(okta.writes().slice(1)).toEqual([
			{ method: 'POST', path: `/api/v1/users/${created?.id}`, params: { profile: { lastName: 'Lin-Park' } } },
		]);
	});

	it('refuses to create a user Okta would refuse for want of an email, and writes nothing', async () => {
		okta = await startFakeOkta();
		const [failed] = await run(
			{ resource: 'user', operation: 'upsert', input: 'fields', username: 'nomail', options: { anchorAttribute: 'none' } },
			[{}],
			true,
		);
		expect(failed).toMatchObject({ error: 'Okta needs an email address to create user nomail' });
		expect(okta.writes()).toEqual([]);
	});

	it("names the missing custom attribute when the org's profile lacks idpUserId", async () => {
		okta = await startFakeOkta({ customAttributes: [] });
		const [failed] = await run(
			{ resource: 'user', operation: 'upsert', input: 'fields', username: 'bo@example.com', idpUserId: '00u1' },
			[{}],
			true,
		);
		expect(failed.error).toBe("Okta: Api validation failed: profile.idpUserId (profile.idpUserId: Property name 'idpUserId' is not defined in the schema) [E0000001]");
		expect(failed.description).toMatch(/Profile Editor/);
	});

	it('disables by suspending, and refuses clearly to suspend a user Okta cannot suspend', async () => {
		okta = await startFakeOkta({ users: [ANN, { id: '00uPROV', status: 'PROVISIONED', profile: { login: 'prov@example.com' } }] });
		expect(await run({ resource: 'user', operation: 'disable', user: byUsername('ann@example.com') })).toEqual([
			expect.objectContaining({ action: 'disabled', changes: { status: { from: 'ACTIVE', to: 'disabled' } } }),
		]);
		expect(okta.state.users.get('00uANN')?.status).toBe('SUSPENDED');
		expect(await run({ resource: 'user', operation: 'enable', user: byUsername('ann@example.com') })).toEqual([
			expect.objectContaining({ action: 'enabled' }),
		]);
		expect(okta.writes().map((write) => write.path)).toEqual(['/api/v1/users/00uANN/lifecycle/suspend', '/api/v1/users/00uANN/lifecycle/unsuspend']);
		const [refused] = await run({ resource: 'user', operation: 'disable', user: byUsername('prov@example.com') }, [{}], true);
		expect(refused).toMatchObject({
			error: 'Okta user prov@example.com cannot be suspended: its status is PROVISIONED, and Okta suspends only ACTIVE users',
			description: expect.stringMatching(/^Set "Disable By" to "Deactivate"/),
		});
		expect(okta.writes()).toHaveLength(2);
	});

	it('Disable By Deactivate deactivates; enabling a federated user activates it again', async () => {
		okta = await startFakeOkta({ users: [ANN] });
		await run({ resource: 'user', operation: 'disable', disableBy: 'deactivate', user: byUsername('ann@example.com') });
		expect(okta.state.users.get('00uANN')?.status).toBe('DEPROVISIONED');
		await run({ resource: 'user', operation: 'enable', user: byUsername('ann@example.com') });
		expect(okta.state.users.get('00uANN')?.status).toBe('ACTIVE');
		expect(okta.writes().map((write) => write.path)).toEqual([
			'/api/v1/users/00uANN/lifecycle/deactivate?sendEmail=false',
			'/api/v1/users/00uANN/lifecycle/activate?sendEmail=false',
		]);
	});

	it('deletes a user by deactivating it first, as Okta requires', async () => {
		okta = await startFakeOkta({ users: [ANN] });
		expect(await run({ resource: 'user', operation: 'delete', user: byUsername('ann@example.com') })).toEqual([
			expect.objectContaining({ action: 'deleted', userId: '00uANN' }),
		]);
		expect(okta.state.users.has('00uANN')).toBe(false);
		expect(okta.writes().map(({ method, path }) => `${method} ${path}`)).toEqual([
			'POST /api/v1/users/00uANN/lifecycle/deactivate?sendEmail=false',
			'DELETE /api/v1/users/00uANN?sendEmail=false',
		]);
	});

	it.each([
		['resetFactors', ['token:software:totp', 'sms'], ['POST /api/v1/users/00uANN/lifecycle/reset_factors']],
		['eachFactor', ['token:software:totp', 'sms'], ['DELETE /api/v1/users/00uANN/factors/F0', 'DELETE /api/v1/users/00uANN/factors/F1']],
		[
			'eachEnrollment',
			['app', 'phone'],
			['DELETE /api/v1/users/00uANN/authenticator-enrollments/F0', 'DELETE /api/v1/users/00uANN/authenticator-enrollments/F1'],
		],
	])('Reset By %s removes every factor (as %j) and keeps the user and its groups', async (resetBy, kinds, calls) => {
		okta = await startFakeOkta({
			users: [{ ...ANN, factors: [{ factorType: 'token:software:totp', id: 'F0' }, { factorType: 'sms', id: 'F1' }] }],
			groups: [{ id: '00gVPN', name: 'VPN' }],
			memberships: { '00gVPN': ['00uANN'] },
		});
		const [result] = await run({ resource: 'user', operation: 'resetEnrollment', resetBy, user: byUsername('ann@example.com') });
		expect(result).toMatchObject({ action: 'reset', changes: { devices: { from: [{ kind: kinds[0], id: 'F0' }, { kind: kinds[1], id: 'F1' }], to: [] } } });
		expect(okta.writes().map(({ method, path }) => `${method} ${path}`)).toEqual(calls);
		expect(okta.state.factors.get('00uANN')).toEqual([]);
		expect(okta.state.users.get('00uANN')?.status).toBe('ACTIVE');
		expect(oktaGroupNames(okta, '00uANN')).toEqual(['VPN']);
	});

	it("waits out a 429 E0000047 until Okta's X-Rate-Limit-Reset, then retries", async () => {
		okta = await startFakeOkta({ users: [ANN] });
		okta.injectFaults({ status: 429, pathPrefix: '/api/v1/users/00uANN/lifecycle', resetInSeconds: 1 });
		const started = Date.now();
		await run({ resource: 'user', operation: 'disable', user: byUsername('ann@example.com') });
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
		expect(okta.requests.filter((r) => r.path.endsWith('/suspend')).map((r) => r.status)).toEqual([429, 200]);
		expect(okta.state.users.get('00uANN')?.status).toBe('SUSPENDED');
	});

	it('says which credential to check when Okta refuses the token', async () => {
		okta = await startFakeOkta({ users: [ANN] });
		const [failed] = (
			await runOktaMfa(
				okta,
				{ resource: 'user', operation: 'get', user: byUsername('ann@example.com'), options: FAST },
				[{ json: {} }],
				{ continueOnFail: true, credentials: { orgUrl: okta.url, apiToken: 'wrong' } },
			)
		).map((item) => item.json);
		expect(failed).toMatchObject({
			error: 'Okta: Invalid token provided [E0000011]',
			description: expect.stringContaining('Check the Org URL and API token of the Okta MFA Target API credential'),
		});
	});

	it('Get returns the same simplified view as every MFA node, or the Okta user itself', async () => {
		okta = await startFakeOkta({ users: [ANN], groups: [{ id: '00gVPN', name: 'VPN' }], memberships: { '00gVPN': ['00uANN'] } });
		const [simple] = await run({ resource: 'user', operation: 'get', user: byUsername('ANN@example.com') });
		expect(simple).toMatchObject({ id: '00uANN', username: 'ann@example.com', status: 'active', statusLabel: 'ACTIVE', groups: ['VPN'] });
		const [raw] = await run({ resource: 'user', operation: 'get', simplify: false, user: { __rl: true, mode: 'id', value: '00uANN' } });
		expect(raw).toMatchObject({ id: '00uANN', status: 'ACTIVE', profile: { login: 'ann@example.com' } });
	});

	it('looks up the users of every item in one search', async () => {
		okta = await startFakeOkta({
			users: Array.from({ length: 5 }, (_, i) => ({ id: `00u${i}`, profile: { login: `u${i}@example.com`, email: `u${i}@example.com`, firstName: 'U', lastName: `${i}` } })),
		});
		const items = Array.from({ length: 5 }, (_, i) => ({ username: `u${i}@example.com` }));
		const results = await runOktaMfa(
			okta,
			{ resource: 'user', operation: 'disable', user: byUsername('={{ $json.username }}'), options: FAST },
			items.map((json) => ({ json })),
		);
		expect(results.map((item) => item.json.action)).toEqual(['disabled', 'disabled', 'disabled', 'disabled', 'disabled']);
		const searches = okta.requests.filter((r) => r.method === 'GET' && r.path === '/api/v1/users');
		expect(searches).toHaveLength(1);
		expect(new URLSearchParams(searches[0].query).get('search')).toBe(
			items.map(({ username }) => `profile.login eq "${username}"`).join(' or '),
		);
	});

	it('Reconcile lists every user (page by page) and group, disables only orphans with this tenant’s anchor, and stays within the request rate', async () => {
		const anchor = (id: string) => `idp:entra:contoso/${id}`;
		const others = Array.from({ length: 200 }, (_, i) => ({ id: `00uX${i}`, profile: { login: `x${i}@example.com`, email: `x${i}@example.com`, firstName: 'X', lastName: `${i}` } }));
		okta = await startFakeOkta({
			users: [
				...others,
				{ id: '00uKEEP', provider: 'FEDERATION', profile: { login: 'keep@example.com', email: 'keep@example.com', firstName: 'K', lastName: 'Eep', idpUserId: anchor('keep') } },
				{ id: '00uGONE', provider: 'FEDERATION', profile: { login: 'gone@example.com', email: 'gone@example.com', firstName: 'G', lastName: 'One', idpUserId: anchor('gone') } },
				{ id: '00uMINE', profile: { login: 'local@example.com', email: 'local@example.com', firstName: 'L', lastName: 'Ocal' } },
			],
			groups: [{ id: '00gA', name: 'A' }, { id: '00gB', name: 'B' }, { id: '00gC', name: 'C' }],
			memberships: { '00gA': ['00uKEEP'] },
		});
		const directoryUser = {
			schemaVersion: 1,
			type: 'directory.user',
			idp: 'entra',
			tenant: 'contoso',
			observedAt: new Date().toISOString(),
			user: { id: 'keep', login: 'keep@example.com', email: 'keep@example.com', givenName: 'K', familyName: 'Eep', status: 'active', groups: [{ id: 'ga', name: 'A' }], attributes: {} },
		};
		const started = Date.now();
		const [summary, ...changes] = await run({ resource: 'directory', operation: 'reconcile', dryRun: false, options: { maxRequestsPerSecond: 20 } }, [directoryUser]);
		expect(summary).toMatchObject({ action: 'reconcile', orphans: 1, planned: 1, applied: 1 });
		expect(changes).toEqual([expect.objectContaining({ action: 'disabled', username: 'gone@example.com' })]);
		expect(okta.state.users.get('00uGONE')?.status).toBe('SUSPENDED');
		expect(okta.state.users.get('00uMINE')?.status).toBe('ACTIVE');
		const calls = okta.requests.length;
		expect(Date.now() - started).toBeGreaterThanOrEqual(((calls - 1) * 1000) / 20 - 50);
		expect(okta.requests.filter((r) => r.path === '/api/v1/users').map((r) => new URLSearchParams(r.query).has('after'))).toEqual([false, true]);
		expect(okta.requests.filter((r) => r.path.startsWith('/api/v1/groups/')).map((r) => r.path)).toEqual([
			'/api/v1/groups/00gA/users',
			'/api/v1/groups/00gB/users',
			'/api/v1/groups/00gC/users',
		]);
	});
});
