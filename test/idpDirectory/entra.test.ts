import { EntraIdpApi } from '../../credentials/EntraIdpApi.credentials';
import { enrichEntraEvents } from '../../nodes/IdpEventTrigger/providers/entra/entra.enrich';
import type { IdentityUser } from '../../nodes/shared/model';
import { startFakeGraph, type FakeGraph } from '../../sandbox/graph/server';
import { runInNode } from '../helpers/nodeProbe';
import {
	bareUserEvent,
	byId,
	callCounts,
	directoryUsers,
	groupIds,
	pages,
	runDirectory,
	sampleDirectory,
	sortedGroups,
	type SampleDirectory,
} from './helpers';

const GRAPH_PAGE = 999;
const EXPANDED_GROUPS_PAGE = 100;
const EXPANDED_MEMBERS = 20;
const userId = (index: number) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
const groupId = (index: number) => `11111111-0000-4000-8000-${String(index).padStart(12, '0')}`;
const disabled = (index: number) => index % 11 === 6;

async function fakeGraphOf(directory: SampleDirectory) {
	return await startFakeGraph({
		users: directory.people.map((person) => ({
			id: userId(person.index),
			userPrincipalName: person.email,
			givenName: person.first,
			surname: person.last,
			department: person.department,
			accountEnabled: !disabled(person.index),
			createdDateTime: '2026-01-01T00:00:00Z',
		})),
		groups: directory.groups.map((group) => ({ id: groupId(group.index), displayName: group.name })),
		members: Object.fromEntries([...directory.members].map(([group, people]) => [groupId(group), people.map(userId)])),
	});
}

const credentialsOf = (graph: FakeGraph) => ({
	tenantId: graph.tenantId,
	clientId: graph.clientId,
	clientSecret: graph.clientSecret,
	graphBaseUrl: graph.graphUrl,
	loginBaseUrl: graph.loginUrl,
});

function expectedGroups(graph: FakeGraph, id: string): string[] {
	return [...graph.directory.members].filter(([, members]) => members.has(id)).map(([group]) => group).sort();
}

/** Token, user pages, group pages with the first 20 members expanded, and the member pages of groups that filled them. */
function minimumCalls(graph: FakeGraph, listedUsers: number) {
	const memberPages = [...graph.directory.members.values()]
		.filter((members) => members.size >= EXPANDED_MEMBERS)
		.reduce((sum, members) => sum + pages(members.size, GRAPH_PAGE), 0);
	return {
		'POST /{tenant}/oauth2/v2.0/token': 1,
		'GET /v1.0/users': pages(listedUsers, GRAPH_PAGE),
		'GET /v1.0/groups': pages(graph.directory.groups.size, EXPANDED_GROUPS_PAGE),
		...(memberPages > 0 ? { 'GET /v1.0/groups/{id}/members': memberPages } : {}),
	};
}

describe('IdP Directory, Microsoft Entra ID: Get Users', () => {
	const directory = sampleDirectory(1200, 150, 1100, 5);
	let graph: FakeGraph;
	beforeEach(async () => {
		graph = await fakeGraphOf(directory);
	});
	afterEach(async () => {
		await graph.close();
	});

	it('emits every user with its groups, listing the members only of groups whose expansion filled up', async () => {
		const run = await runDirectory({ provider: 'entra', credentials: credentialsOf(graph) });
		const users = directoryUsers(run);
		expect(users).toHaveLength(1200);
		const large = [...graph.directory.members.values()].filter((m) => m.size >= EXPANDED_MEMBERS).length;
		expect(large).toBeGreaterThan(1);
		expect(large).toBeLessThan(150);
		expect(callCounts(graph.requests)).toEqual(minimumCalls(graph, 1200));
		const found = byId(users);
		for (const person of directory.people) {
			const entry = found.get(userId(person.index))!;
			expect(entry.idp).toBe('entra');
			expect(entry.tenant).toBe(graph.tenantId);
			expect(entry.user.login).toBe(person.email);
			expect(entry.user.status).toBe(disabled(person.index) ? 'suspended' : 'active');
			expect(groupIds(entry.user)).toEqual(expectedGroups(graph, userId(person.index)));
		}
		expect(found.get(userId(0))!.user.groups!.find((g) => g.id === groupId(1))?.name).toBe(directory.groups[1].name);
		expect(run.logs).toEqual(
			expect.arrayContaining(['IdP Directory (entra): fetched 999 users', 'IdP Directory (entra): fetched 1200 users']),
		);
	});

	it('emits for each user what the trigger enriches an event about that user with', async () => {
		const users = byId(directoryUsers(await runDirectory({ provider: 'entra', credentials: credentialsOf(graph) })));
		const events = [0, 6, 500, 1150].map((i) => bareUserEvent('entra', graph.tenantId, userId(i)));
		await runInNode({
			credentialType: new EntraIdpApi(),
			credentials: credentialsOf(graph),
			run: async (ctx) => await enrichEntraEvents(ctx, events, { includeGroups: true }),
		});
		for (const event of events) {
			const enriched = (event as { user: IdentityUser }).user;
			expect(sortedGroups(users.get(enriched.id)!.user)).toEqual(sortedGroups(enriched));
		}
	});

	it('filters on accountEnabled for a status', async () => {
		const run = await runDirectory({ provider: 'entra', credentials: credentialsOf(graph), filters: { entraStatus: ['suspended'] } });
		const wanted = directory.people.filter((p) => disabled(p.index));
		expect(directoryUsers(run).map((u) => u.user.id).sort()).toEqual(wanted.map((p) => userId(p.index)).sort());
		expect(callCounts(graph.requests)['GET /v1.0/users']).toBe(1);
	});

	it('sends a $filter of the user as an advanced query, with the count for the progress lines', async () => {
		const run = await runDirectory({
			provider: 'entra',
			credentials: credentialsOf(graph),
			filters: { entraSearch: "department ne 'Sales'", entraStatus: ['active'] },
		});
		const wanted = directory.people.filter((p) => p.department !== 'Sales' && !disabled(p.index));
		expect(directoryUsers(run).map((u) => u.user.id).sort()).toEqual(wanted.map((p) => userId(p.index)).sort());
		expect(run.logs).toContain(`IdP Directory (entra): fetched ${wanted.length} of ~${wanted.length} users`);
	});

	it("reports a $filter Graph refuses with Graph's error", async () => {
		await expect(
			runDirectory({ provider: 'entra', credentials: credentialsOf(graph), filters: { entraSearch: 'department eq' } }),
		).rejects.toThrow(/^Microsoft Graph: Invalid filter clause/);
	});

	it('keeps the members of a group named in Group', async () => {
		const run = await runDirectory({
			provider: 'entra',
			credentials: credentialsOf(graph),
			filters: { group: directory.groups[2].name.toUpperCase() },
		});
		expect(directoryUsers(run).map((u) => u.user.id).sort()).toEqual(directory.members.get(2)!.map(userId).sort());
	});

	it('waits out 429s as Retry-After asks', async () => {
		graph.injectFaults({ status: 429, pathPrefix: '/v1.0/groups', count: 2, retryAfter: 0 });
		graph.injectFaults({ status: 429, pathPrefix: '/v1.0/users', count: 1, retryAfter: 0 });
		const run = await runDirectory({ provider: 'entra', credentials: credentialsOf(graph) });
		expect(directoryUsers(run)).toHaveLength(1200);
		const minimum = minimumCalls(graph, 1200);
		const counts = callCounts(graph.requests);
		expect(counts['GET /v1.0/users']).toBe(minimum['GET /v1.0/users'] + 1);
		expect(counts['GET /v1.0/groups'] + (counts['GET /v1.0/groups/{id}/members'] ?? 0)).toBe(
			minimum['GET /v1.0/groups'] + (minimum['GET /v1.0/groups/{id}/members'] ?? 0) + 2,
		);
	});
});

describe('IdP Directory, Microsoft Entra ID: Get Groups', () => {
	it('lists every group, 999 a page', async () => {
		const graph = await fakeGraphOf(sampleDirectory(10, 3, 2));
		try {
			const run = await runDirectory({ provider: 'entra', credentials: credentialsOf(graph), resource: 'group' });
			expect(run.items.map((item) => item.group)).toEqual([
				{ id: groupId(0), name: 'mfa-000 Engineering' },
				{ id: groupId(1), name: 'mfa-001 Finance' },
				{ id: groupId(2), name: 'mfa-002 Sales' },
			]);
			expect(run.items.every((item) => item.tenant === graph.tenantId && item.idp === 'entra')).toBe(true);
			expect(callCounts(graph.requests)).toEqual({ 'POST /{tenant}/oauth2/v2.0/token': 1, 'GET /v1.0/groups': 1 });
		} finally {
			await graph.close();
		}
	});
});
