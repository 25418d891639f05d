import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { ALL_SCOPES, startFakeAuth0, type FakeAuth0 } from '../../sandbox/auth0/server';
import { FAST, auth0RoleNames, auth0UserByEmail, runAuth0Mfa } from './helpers';

const ANN = {
	user_id: 'auth0|ann',
	email: 'ann@example.com',
	given_name: 'Ann',
	family_name: 'Lee',
	methods: [{ type: 'totp', id: 'totp|1' }, { type: 'phone', id: 'phone|1' }, { type: 'webauthn-roaming', id: 'webauthn|1' }],
};
const byUsername = (value: string) => ({ __rl: true, mode: 'username', value });

describe('Auth0 MFA node against the fake Auth0', () => {
	let auth0: FakeAuth0;
	afterEach(async () => auth0?.close());

	const run = async (parameters: INodeParameters, items: IDataObject[] = [{}], continueOnFail = false) =>
		(
			await runAuth0Mfa(auth0, { ...parameters, options: { ...FAST, ...((parameters.options as IDataObject) ?? {}) } }, items.map((json) => ({ json })), {
				continueOnFail,
			})
		).map((item) => item.json);

	it('creates a user in the chosen connection with a password nobody sees, and writes only what differs afterwards', async () => {
		auth0 = await startFakeAuth0();
		const upsert = (family: string) =>
			run({
				resource: 'user',
				operation: 'upsert',
				input: 'fields',
				username: 'bo@example.com',
				idpUserId: 'idp:okta:acme.okta.com/00uBO',
				connection: 'Staff-DB',
				additionalFields: { given_name: 'Bo', family_name: family },
			});
		expect(await upsert('Lin')).toEqual([expect.objectContaining({ action: 'created' })]);
		expect(auth0UserByEmail(auth0, 'bo@example.com')).toMatchObject({
			given_name: 'Bo',
			family_name: 'Lin',
			identities: [{ connection: 'Staff-DB' }],
			app_metadata: { idpUserId: 'idp:okta:acme.okta.com/00uBO' },
		});
		expect(auth0.writes()).toEqual([
			{
				method: 'POST',
				path: '/users',
				params: {
					connection: 'Staff-DB',
					email: 'bo@example.com',
					verify_email: false,
					given_name: 'Bo',
					family_name: 'Lin',
					app_metadata: { idpUserId: 'idp:okta:acme.okta.com/00uBO' },
					password: '[redacted]',
				},
			},
		]);
		expect(await upsert('Lin')).toEqual([expect.objectContaining({ action: 'unchanged' })]);
		await upsert('Lin-Park');
		expect(auth0.writes().slice(1)).toEqual([
			{ method: 'PATCH', path: `/users/${encodeURIComponent(String(auth0UserByEmail(auth0, 'bo@example.com')?.user_id))}`, params: { family_name: 'Lin-Park' } },
		]);
	});

	it('blocks and unblocks', async () => {
		auth0 = await startFakeAuth0({ users: [ANN] });
		await run({ resource: 'user', operation: 'disable', user: byUsername('ann@example.com') });
		expect(auth0UserByEmail(auth0, 'ann@example.com')?.blocked).toBe(true);
		await run({ resource: 'user', operation: 'enable', user: byUsername('ann@example.com') });
		expect(auth0UserByEmail(auth0, 'ann@example.com')?.blocked).toBe(false);
		expect(auth0.writes().map((write) => write.params)).toEqual([{ blocked: true }, { blocked: false }]);
	});

	it.each([
		['authenticators', ['DELETE /users/auth0%7Cann/authenticators', 'DELETE /users/auth0%7Cann/authentication-methods/webauthn%7C1']],
		[
			'each',
			[
				'DELETE /users/auth0%7Cann/authentication-methods/totp%7C1',
				'DELETE /users/auth0%7Cann/authentication-methods/phone%7C1',
				'DELETE /users/auth0%7Cann/authentication-methods/webauthn%7C1',
			],
		],
	])('Reset By %s removes every method but the password; the user and its roles stay', async (resetBy, calls) => {
		auth0 = await startFakeAuth0({ users: [ANN], roles: [{ id: 'rol_vpn', name: 'VPN' }], userRoles: { 'auth0|ann': ['rol_vpn'] } });
		const [result] = await run({ resource: 'user', operation: 'resetEnrollment', resetBy, user: byUsername('ann@example.com') });
		expect(result).toMatchObject({ action: 'reset' });
		expect(auth0.writes().map(({ method, path }) => `${method} ${path}`)).toEqual(calls);
		expect(auth0.state.authMethods.get('auth0|ann')).toEqual([]);
		expect(auth0RoleNames(auth0, 'auth0|ann')).toEqual(['VPN']);
	});

	it('emails an enrollment ticket after a reset, without putting the link in the output', async () => {
		auth0 = await startFakeAuth0({ users: [ANN] });
		const [result] = await run({
			resource: 'user',
			operation: 'resetEnrollment',
			user: byUsername('ann@example.com'),
			options: { sendEnrollmentEmail: true },
		});
		expect(result).toMatchObject({ action: 'reset', changes: { enrollmentEmail: { from: false, to: true } } });
		expect(auth0.state.tickets).toEqual([expect.objectContaining({ user_id: 'auth0|ann', email: 'ann@example.com', send_mail: true })]);
		expect(JSON.stringify(result)).not.toContain(String((auth0.state.tickets[0] as unknown as { ticket_url: string }).ticket_url));
	});

	it('waits until X-RateLimit-Reset when a 429 carries no Retry-After', async () => {
		auth0 = await startFakeAuth0({ users: [ANN] });
		auth0.injectFaults({ status: 429, method: 'PATCH', resetInSeconds: 2 });
		const started = Date.now();
		await run({ resource: 'user', operation: 'disable', user: byUsername('ann@example.com') });
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		expect(auth0.requests.filter((r) => r.method === 'PATCH').map((r) => r.status)).toEqual([429, 200]);
	});

	it('names the missing scope', async () => {
		auth0 = await startFakeAuth0({ users: [ANN], scopes: ALL_SCOPES.filter((scope) => scope !== 'delete:guardian_enrollments') });
		const [failed] = await run({ resource: 'user', operation: 'resetEnrollment', user: byUsername('ann@example.com') }, [{}], true);
		expect(failed).toMatchObject({
			error: 'Auth0: Insufficient scope, expected any of: delete:guardian_enrollments [insufficient_scope]',
			description: expect.stringContaining('Authorize the Machine to Machine application'),
		});
		expect(auth0.state.authMethods.get('auth0|ann')).toHaveLength(3);
	});

	it('roles are its groups: Sync Groups creates a missing role and assigns it; a role deleted meanwhile is created again', async () => {
		auth0 = await startFakeAuth0({ users: [ANN] });
		const sync = () =>
			run({ resource: 'user', operation: 'syncGroups', user: byUsername('ann@example.com'), groups: 'VPN', mode: 'add', options: { createMissingGroups: true } });
		expect(await sync()).toEqual([expect.objectContaining({ action: 'updated', groups: expect.objectContaining({ created: ['VPN'] }) })]);
		expect(auth0RoleNames(auth0, 'auth0|ann')).toEqual(['VPN']);
		const [role] = [...auth0.state.roles.values()];
		await auth0.admin('DELETE', `/api/v2/roles/${role.id}`);
		expect(await sync()).toEqual([expect.objectContaining({ action: 'updated', groups: expect.objectContaining({ added: ['VPN'] }) })]);
		expect(auth0RoleNames(auth0, 'auth0|ann')).toEqual(['VPN']);
	});

	it('Reconcile refuses a tenant of 1,000 users or more, which the Management API cannot list whole, and writes nothing', async () => {
		auth0 = await startFakeAuth0({ users: Array.from({ length: 1000 }, (_, i) => ({ user_id: `auth0|u${i}`, email: `u${i}@example.com` })) });
		const entry = {
			schemaVersion: 1,
			type: 'directory.user',
			idp: 'okta',
			tenant: 'acme.okta.com',
			observedAt: new Date().toISOString(),
			user: { id: '00u1', login: 'u1@example.com', email: 'u1@example.com', status: 'active', groups: [], attributes: {} },
		};
		await expect(run({ resource: 'directory', operation: 'reconcile', dryRun: false, usernameSource: 'email' }, [entry])).rejects.toThrow(
			'Auth0 lists at most 1,000 users through the Management API',
		);
		expect(auth0.writes()).toEqual([]);
	});
});
