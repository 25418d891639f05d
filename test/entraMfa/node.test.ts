import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { MFA_PERMISSIONS, startFakeGraph, type FakeGraph } from '../../sandbox/graph/server';
import { FAST, entraGroupNames, entraMfaCredentials, entraUserByUpn, runEntraMfa } from './helpers';

const ANN = { id: 'u-ann', userPrincipalName: 'ann@contoso.test', givenName: 'Ann', surname: 'Lee', accountEnabled: true };
const byUsername = (value: string) => ({ __rl: true, mode: 'username', value });

describe('Entra ID MFA node against the fake Microsoft Graph', () => {
	let graph: FakeGraph;
	afterEach(async () => graph?.close());

	const run = async (parameters: INodeParameters, items: IDataObject[] = [{}], continueOnFail = false, credentials?: Record<string, string>) =>
		(
			await runEntraMfa(graph, { ...parameters, options: { ...FAST, ...((parameters.options as IDataObject) ?? {}) } }, items.map((json) => ({ json })), {
				continueOnFail,
				credentials,
			})
		).map((item) => item.json);

	it('creates a user with a generated password that no output, record or dry run shows', async () => {
		graph = await startFakeGraph({ permissions: MFA_PERMISSIONS });
		const parameters = {
			resource: 'user',
			operation: 'upsert',
			input: 'fields',
			username: 'bo@contoso.test',
			idpUserId: 'idp:okta:acme.okta.com/00uBO',
			additionalFields: { givenName: 'Bo', surname: 'Lin' },
		};
		const [planned] = await run({ ...parameters, dryRun: true });
		expect(planned).toMatchObject({
			action: 'created',
			plannedWrites: [{ method: 'POST', path: '/users', params: { passwordProfile: { forceChangePasswordNextSignIn: true, password: '[redacted]' } } }],
		});
		expect(graph.writes()).toEqual([]);
		const [created] = await run(parameters);
		expect(created).toMatchObject({ action: 'created', username: 'bo@contoso.test' });
		expect(JSON.stringify(created)).not.toMatch(/passwordProfile|Aa1!/);
		const [sent] = graph.requests.filter((r) => r.method === 'POST' && r.path === '/v1.0/users');
		const password = (sent.body as { passwordProfile: { password: string } }).passwordProfile.password;
		expect(password).toMatch(/^[\w-]{24}Aa1!$/);
		expect(entraUserByUpn(graph, 'bo@contoso.test')).toMatchObject({
			accountEnabled: true,
			displayName: 'Bo Lin',
			mailNickname: 'bo',
			onPremisesExtensionAttributes: { extensionAttribute1: 'idp:okta:acme.okta.com/00uBO' },
		});
	});

	it('disabling blocks sign-in and revokes the sessions; enabling allows sign-in again', async () => {
		graph = await startFakeGraph({ permissions: MFA_PERMISSIONS, users: [ANN] });
		await run({ resource: 'user', operation: 'disable', user: byUsername('ANN@contoso.test') });
		expect(graph.writes()).toEqual([
			{ method: 'PATCH', path: '/users/u-ann', params: { accountEnabled: false } },
			{ method: 'POST', path: '/users/u-ann/revokeSignInSessions', params: {} },
		]);
		expect(graph.revocations.get('u-ann')).toBe(1);
		await run({ resource: 'user', operation: 'enable', user: byUsername('ann@contoso.test') });
		expect(entraUserByUpn(graph, 'ann@contoso.test')?.accountEnabled).toBe(true);
		expect(graph.writes()).toHaveLength(3);
	});

	it('a reset deletes the alternate phone before the mobile phone and the default method last; the password stays', async () => {
		graph = await startFakeGraph({
			permissions: MFA_PERMISSIONS,
			users: [{ ...ANN, methods: [{ type: 'phone', phoneType: 'mobile', isDefault: true }, { type: 'phone', phoneType: 'alternateMobile' }, { type: 'fido2', id: 'key-1' }] }],
			groups: [{ id: 'g-vpn', displayName: 'VPN' }],
			members: { 'g-vpn': ['u-ann'] },
		});
		const [result] = await run({ resource: 'user', operation: 'resetEnrollment', user: byUsername('ann@contoso.test') });
		expect(result).toMatchObject({ action: 'reset' });
		expect(graph.writes().map((write) => write.path)).toEqual([
			'/users/u-ann/authentication/fido2Methods/key-1',
			'/users/u-ann/authentication/phoneMethods/b6332ec1-7057-4abe-9331-3d72feddfe41',
			'/users/u-ann/authentication/phoneMethods/3179e48a-750b-4051-897c-87b9720928f7',
		]);
		expect(graph.authMethods.get('u-ann')).toEqual([]);
		expect(entraGroupNames(graph, 'u-ann')).toEqual(['VPN']);
	});

	it('a default method Entra refuses to delete first is deleted after the others', async () => {
		graph = await startFakeGraph({
			permissions: MFA_PERMISSIONS,
			users: [{ ...ANN, methods: [{ type: 'softwareOath', id: 'oath-1', isDefault: true }, { type: 'microsoftAuthenticator', id: 'ma-1' }] }],
		});
		const [result] = await run({ resource: 'user', operation: 'resetEnrollment', user: byUsername('ann@contoso.test') });
		expect(result).toMatchObject({ action: 'reset' });
		const deletes = graph.requests.filter((r) => r.method === 'DELETE').map((r) => `${r.status} ${r.path.split('/').pop()}`);
		expect(deletes).toEqual(['400 oath-1', '204 ma-1', '204 oath-1']);
		expect(graph.authMethods.get('u-ann')).toEqual([]);
	});

	it('waits out a 429 for as long as Retry-After asks, then retries', async () => {
		graph = await startFakeGraph({ permissions: MFA_PERMISSIONS, users: [ANN] });
		graph.injectFaults({ status: 429, method: 'PATCH', retryAfter: 1 });
		const started = Date.now();
		await run({ resource: 'user', operation: 'enable', user: byUsername('ann@contoso.test') });
		expect(graph.writes()).toEqual([]);
		await run({ resource: 'user', operation: 'disable', user: byUsername('ann@contoso.test') });
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(graph.requests.filter((r) => r.method === 'PATCH').map((r) => r.status)).toEqual([429, 204]);
	});

	it('names the missing application permission, and the token endpoint when the secret is wrong', async () => {
		graph = await startFakeGraph({ permissions: ['User.ReadWrite.All'], users: [{ ...ANN, methods: [{ type: 'phone' }] }] });
		const [denied] = await run({ resource: 'user', operation: 'resetEnrollment', user: byUsername('ann@contoso.test') }, [{}], true);
		expect(denied).toMatchObject({
			error: 'Microsoft Entra ID: Insufficient privileges to complete the operation. [Authorization_RequestDenied]',
			description: expect.stringContaining('Grant the app registration the application permissions'),
		});
		const [refused] = await run({ resource: 'user', operation: 'get', user: byUsername('ann@contoso.test') }, [{}], true, {
			...entraMfaCredentials(graph),
			clientSecret: 'not-the-secret',
		});
		expect(refused.description).toMatch(/^The token request for GET \/users returned HTTP 401/);
		expect(JSON.stringify(refused)).not.toContain('not-the-secret');
	});

	it('looks users up 15 values at a time, by userPrincipalName and the anchor attribute', async () => {
		const users = Array.from({ length: 20 }, (_, i) => ({ id: `u-${i}`, userPrincipalName: `user${i}@contoso.test`, accountEnabled: true }));
		graph = await startFakeGraph({ permissions: MFA_PERMISSIONS, users });
		const results = await run(
			{ resource: 'user', operation: 'disable', user: byUsername('={{ $json.upn }}') },
			users.map((user) => ({ upn: user.userPrincipalName })),
		);
		expect(results.every((result) => result.action === 'disabled')).toBe(true);
		const lookups = graph.requests.filter((r) => r.method === 'GET' && r.path === '/v1.0/users');
		expect(lookups.map((r) => (decodeURIComponent(r.query).match(/'/g) ?? []).length / 2)).toEqual([15, 5]);

		const anchored = await run(
			{ resource: 'user', operation: 'upsert', input: 'fields', username: 'user0@contoso.test', idpUserId: 'idp:okta:acme.okta.com/00u0', additionalFields: {} },
		);
		expect(anchored).toEqual([expect.objectContaining({ action: 'updated', changes: { extensionAttribute1: { from: '', to: 'idp:okta:acme.okta.com/00u0' } } })]);
		const advanced = graph.requests.filter((r) => r.method === 'GET' && r.path === '/v1.0/users').pop();
		expect(decodeURIComponent(String(advanced?.query))).toContain(
			"userPrincipalName in ('user0@contoso.test') or onPremisesExtensionAttributes/extensionAttribute1 in ('idp:okta:acme.okta.com/00u0',",
		);
		expect(advanced?.query).toContain('$count=true');
	});

	it('adding a member the group already has is no error, and a group deleted meanwhile is created again by Sync Groups', async () => {
		graph = await startFakeGraph({
			permissions: MFA_PERMISSIONS,
			users: [ANN],
			groups: [{ id: 'g-vpn', displayName: 'VPN' }],
		});
		const sync = () =>
			run({ resource: 'user', operation: 'syncGroups', user: byUsername('ann@contoso.test'), groups: 'VPN', mode: 'add', options: { createMissingGroups: true } });
		await run({ resource: 'group', operation: 'getAll', returnAll: true });
		graph.addMember('g-vpn', 'u-ann');
		expect(await sync()).toEqual([expect.objectContaining({ action: 'unchanged' })]);
		graph.deleteGroup('g-vpn');
		const [recreated] = await sync();
		expect(recreated).toMatchObject({ action: 'updated', groups: { added: ['VPN'], created: ['VPN'] } });
		expect(entraGroupNames(graph, 'u-ann')).toEqual(['VPN']);
	});
});
