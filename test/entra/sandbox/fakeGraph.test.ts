import { startFakeGraph, type FakeGraph } from '../../../sandbox/graph/server';

const DAY = 24 * 60 * 60_000;

interface Page {
	value: Array<Record<string, unknown>>;
	'@odata.nextLink'?: string;
	'@odata.deltaLink'?: string;
}

describe('the fake Microsoft Graph', () => {
	let graph: FakeGraph;
	let token: string;

	const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
	const tokenRequest = (fields: Record<string, string>) =>
		fetch(`${graph.loginUrl}/${graph.tenantId}/oauth2/v2.0/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: form({
				grant_type: 'client_credentials',
				client_id: graph.clientId,
				client_secret: graph.clientSecret,
				scope: `${graph.loginUrl}/.default`,
				...fields,
			}),
		});
	const get = async (url: string): Promise<Page> => {
		const response = await fetch(url.startsWith('http') ? url : `${graph.graphUrl}${url}`, {
			headers: { authorization: `Bearer ${token}` },
		});
		return (await response.json()) as Page;
	};
	const all = async (url: string) => {
		const items: Array<Record<string, unknown>> = [];
		let page = await get(url);
		items.push(...page.value);
		while (page['@odata.nextLink']) {
			page = await get(page['@odata.nextLink']);
			items.push(...page.value);
		}
		return { items, deltaLink: page['@odata.deltaLink'] };
	};

	beforeEach(async () => {
		graph = await startFakeGraph({
			pageSize: 2,
			users: [1, 2, 3].map((n) => ({
				id: `u${n}`,
				userPrincipalName: `user${n}@acme.test`,
				accountEnabled: n !== 3,
			})),
			groups: [{ id: 'g1', displayName: 'MFA-Users' }],
			members: { g1: ['u1'] },
		});
		token = ((await (await tokenRequest({})).json()) as { access_token: string }).access_token;
	});
	afterEach(async () => graph.close());

	it.each([
		['a wrong client secret', { client_secret: 'nope' }, 401, /AADSTS7000215/],
		[
			'a scope without /.default',
			{ scope: 'https://graph.microsoft.com/User.Read.All' },
			400,
			/AADSTS1002012/,
		],
		['an unknown application', { client_id: 'someone-else' }, 400, /AADSTS700016/],
	])('refuses a token request with %s', async (_label, fields, status, message) => {
		const response = await tokenRequest(fields);
		expect(response.status).toBe(status);
		expect(((await response.json()) as { error_description: string }).error_description).toMatch(
			message,
		);
	});

	it('refuses Graph calls without a valid token', async () => {
		const response = await fetch(`${graph.graphUrl}/users`);
		expect(response.status).toBe(401);
		expect(await response.json()).toMatchObject({ error: { code: 'InvalidAuthenticationToken' } });
	});

	it('pages with @odata.nextLink and filters on accountEnabled', async () => {
		expect((await all('/users?$select=id')).items.map((u) => u.id)).toEqual(['u1', 'u2', 'u3']);
		expect((await all('/users?$filter=accountEnabled eq false&$select=id')).items).toEqual([
			{ id: 'u3' },
		]);
	});

	it('serves users and groups delta with deltaLinks, @removed and members@delta', async () => {
		const users = await all('/users/delta?$select=accountEnabled');
		expect(users.items).toHaveLength(3);
		const groups = await all('/groups/delta?$select=displayName,members');
		expect(groups.items).toEqual([
			{
				id: 'g1',
				displayName: 'MFA-Users',
				'members@delta': [{ '@odata.type': '#microsoft.graph.user', id: 'u1' }],
			},
		]);

		graph.updateUser('u2', { accountEnabled: false });
		graph.softDeleteUser('u1');
		graph.addMember('g1', 'u3');
		const userChanges = await all(String(users.deltaLink));
		expect(userChanges.items).toEqual([
			{ id: 'u2', accountEnabled: false },
			{ id: 'u1', '@removed': { reason: 'changed' } },
		]);
		const groupChanges = await all(String(groups.deltaLink));
		expect(groupChanges.items).toEqual([
			{
				id: 'g1',
				displayName: 'MFA-Users',
				'members@delta': [
					{ '@odata.type': '#microsoft.graph.user', id: 'u1', '@removed': { reason: 'deleted' } },
					{ '@odata.type': '#microsoft.graph.user', id: 'u3' },
				],
			},
		]);
		expect((await all(String(userChanges.deltaLink))).items).toEqual([]);
	});

	it('caps subscription lifetime at 41,760 minutes and lets expired subscriptions lapse', async () => {
		const validation = graph.validations.length;
		const tooLong = await graph.subscribe({
			changeType: 'updated',
			resource: '/users',
			notificationUrl: 'http://127.0.0.1:9/x',
			expirationDateTime: new Date(Date.now() + 30 * DAY).toISOString(),
		});
		expect(tooLong).toMatchObject({
			status: 400,
			body: {
				error: { message: 'Subscription expiration can only be 41760 minutes in the future.' },
			},
		});
		expect(graph.validations).toHaveLength(validation);
		const unreachable = await graph.subscribe({
			changeType: 'updated',
			resource: '/users',
			notificationUrl: 'http://127.0.0.1:9/x',
			expirationDateTime: new Date(Date.now() + DAY).toISOString(),
		});
		expect(unreachable).toMatchObject({
			status: 400,
			body: { error: { code: 'ValidationError' } },
		});
	});

	it('queues one notification per change and subscriber, as Graph would send it', async () => {
		graph.subscriptions.set('s1', {
			id: 's1',
			resource: '/groups',
			changeType: 'updated,deleted',
			clientState: 'cs',
			notificationUrl: 'http://127.0.0.1:9/x',
			lifecycleNotificationUrl: null,
			expirationDateTime: new Date(Date.now() + DAY).toISOString(),
			reauthorizationNeeded: false,
		});
		graph.updateUser('u1', { department: 'IT' });
		graph.removeMember('g1', 'u1');
		graph.deleteGroup('g1');
		expect(graph.queued.map(({ notification }) => notification)).toMatchObject([
			{
				subscriptionId: 's1',
				changeType: 'updated',
				clientState: 'cs',
				resource: 'Groups/g1',
				resourceData: { id: 'g1', 'members@delta': [{ id: 'u1', '@removed': 'deleted' }] },
			},
			{ subscriptionId: 's1', changeType: 'deleted', resource: 'Groups/g1' },
		]);
		graph.advanceClock(2 * DAY);
		const response = await fetch(`${graph.graphUrl}/subscriptions/s1`, {
			headers: { authorization: `Bearer ${token}` },
		});
		expect(response.status).toBe(404);
	});

	it('serves deleted items: soft-deleted users and Microsoft 365 groups, with the token and permission Graph asks for', async () => {
		graph.softDeleteUser('u2');
		graph.softDeleteGroup('g1');
		const read = async (id: string, bearer = token) => {
			const response = await fetch(`${graph.graphUrl}/directory/deletedItems/${id}?$select=id`, {
				headers: { authorization: `Bearer ${bearer}` },
			});
			return { status: response.status, body: (await response.json()) as Record<string, unknown> };
		};
		expect(await read('u2')).toMatchObject({
			status: 200,
			body: { '@odata.type': '#microsoft.graph.user', id: 'u2', deletedDateTime: expect.any(String) },
		});
		expect(await read('g1')).toMatchObject({ status: 200, body: { '@odata.type': '#microsoft.graph.group', id: 'g1' } });
		expect(await read('u1')).toMatchObject({ status: 404, body: { error: { code: 'Request_ResourceNotFound' } } });
		expect((await read('u2', 'not-a-token')).status).toBe(401);
		expect((await fetch(`${graph.graphUrl}/users/u2`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
		expect(graph.queued).toHaveLength(0);

		await graph.close();
		graph = await startFakeGraph({ permissions: ['Group.Read.All'], users: [{ id: 'u9' }] });
		token = ((await (await tokenRequest({})).json()) as { access_token: string }).access_token;
		graph.softDeleteUser('u9');
		expect((await read('u9')).status).toBe(403);
	});
});
