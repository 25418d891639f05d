import { Auth0IdpApi } from '../../credentials/Auth0IdpApi.credentials';
import { enrichAuth0Events } from '../../nodes/IdpEventTrigger/providers/auth0/auth0.enrich';
import type { IdentityUser } from '../../nodes/shared/model';
import { startFakeAuth0, type FakeAuth0 } from '../../sandbox/auth0/server';
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

const AUTH0_PAGE = 100;
const userId = (index: number) => `auth0|${String(index).padStart(24, '0')}`;
const roleId = (index: number) => `rol_${String(index).padStart(16, '0')}`;
const blocked = (index: number) => index % 13 === 4;

async function fakeAuth0Of(directory: SampleDirectory, options: Parameters<typeof startFakeAuth0>[0] = {}) {
	const userRoles: Record<string, string[]> = {};
	for (const [group, people] of directory.members) {
		for (const person of people) (userRoles[userId(person)] ??= []).push(roleId(group));
	}
	return await startFakeAuth0({
		users: directory.people.map((person) => ({
			user_id: userId(person.index),
			email: person.email,
			given_name: person.first,
			family_name: person.last,
			blocked: blocked(person.index),
			app_metadata: { team: person.department },
			created_at: '2026-01-01T00:00:00.000Z',
		})),
		roles: directory.groups.map((group) => ({ id: roleId(group.index), name: group.name })),
		userRoles,
		...options,
	});
}

const credentialsOf = (auth0: FakeAuth0) => ({
	domain: auth0.domain,
	clientId: auth0.clientId,
	clientSecret: auth0.clientSecret,
});

function expectedRoles(auth0: FakeAuth0, id: string): string[] {
	return [...(auth0.state.userRoles.get(id) ?? [])].sort();
}

/** Token, role pages, each role's user pages (checkpoint paging, 100 at a time). */
function rolesMinimum(auth0: FakeAuth0) {
	let roleUserPages = 0;
	for (const id of auth0.state.roles.keys()) {
		const members = [...auth0.state.userRoles.values()].filter((roles) => roles.has(id)).length;
		roleUserPages += pages(members, AUTH0_PAGE);
	}
	return {
		'POST /oauth/token': 1,
		'GET /api/v2/roles': pages(auth0.state.roles.size, AUTH0_PAGE),
		'GET /api/v2/roles/{id}/users': roleUserPages,
	};
}

describe('IdP Directory, Auth0: Get Users under 1,000 users', () => {
	const directory = sampleDirectory(450, 30, 250);
	let auth0: FakeAuth0;
	beforeEach(async () => {
		auth0 = await fakeAuth0Of(directory);
	});
	afterEach(async () => {
		await auth0.close();
	});

	it('pages GET /api/v2/users and names each user\'s roles as groups, in the fewest calls', async () => {
		const run = await runDirectory({ provider: 'auth0', credentials: credentialsOf(auth0) });
		const users = directoryUsers(run);
		expect(users).toHaveLength(450);
		expect(callCounts(auth0.requests)).toEqual({ ...rolesMinimum(auth0), 'GET /api/v2/users': pages(450, AUTH0_PAGE) });
		const found = byId(users);
		for (const person of directory.people) {
			const entry = found.get(userId(person.index))!;
			expect(entry.idp).toBe('auth0');
			expect(entry.tenant).toBe(new URL(auth0.url).host);
			expect(entry.user.email).toBe(person.email);
			expect(entry.user.status).toBe(blocked(person.index) ? 'suspended' : 'active');
			expect(groupIds(entry.user)).toEqual(expectedRoles(auth0, userId(person.index)));
		}
		expect(found.get(userId(0))!.user.groups!.find((g) => g.id === roleId(1))?.name).toBe(directory.groups[1].name);
		expect(run.logs).toEqual(
			expect.arrayContaining(['IdP Directory (auth0): fetched 100 of ~450 users', 'IdP Directory (auth0): fetched 450 of ~450 users']),
		);
	});

	it('emits for each user what the trigger enriches an event about that user with', async () => {
		const users = byId(directoryUsers(await runDirectory({ provider: 'auth0', credentials: credentialsOf(auth0) })));
		const events = [0, 4, 17, 249, 400].map((i) => bareUserEvent('auth0', new URL(auth0.url).host, userId(i)));
		await runInNode({
			credentialType: new Auth0IdpApi(),
			credentials: credentialsOf(auth0),
			run: async (ctx) => await enrichAuth0Events(ctx, events, { includeGroups: true }),
		});
		for (const event of events) {
			const enriched = (event as { user: IdentityUser }).user;
			expect(sortedGroups(users.get(enriched.id)!.user)).toEqual(sortedGroups(enriched));
		}
	});

	it('asks Auth0 for blocked users only with a Lucene clause', async () => {
		const run = await runDirectory({ provider: 'auth0', credentials: credentialsOf(auth0), filters: { auth0Status: ['suspended'] } });
		const wanted = directory.people.filter((p) => blocked(p.index));
		expect(directoryUsers(run).map((u) => u.user.id).sort()).toEqual(wanted.map((p) => userId(p.index)).sort());
		expect(callCounts(auth0.requests)['GET /api/v2/users']).toBe(pages(wanted.length, AUTH0_PAGE));
	});

	it('passes a search query with the status clause ANDed to it', async () => {
		const run = await runDirectory({
			provider: 'auth0',
			credentials: credentialsOf(auth0),
			filters: { auth0Search: 'app_metadata.team:"Finance"', auth0Status: ['active'] },
		});
		const wanted = directory.people.filter((p) => p.department === 'Finance' && !blocked(p.index));
		expect(directoryUsers(run).map((u) => u.user.id).sort()).toEqual(wanted.map((p) => userId(p.index)).sort());
	});

	it("keeps a role's users when filtered to a role", async () => {
		const run = await runDirectory({ provider: 'auth0', credentials: credentialsOf(auth0), filters: { group: roleId(1) } });
		expect(directoryUsers(run).map((u) => u.user.id).sort()).toEqual(directory.members.get(1)!.map(userId).sort());
	});

	it('waits out 429s as Retry-After asks', async () => {
		auth0.injectFaults({ status: 429, pathPrefix: '/api/v2/users', count: 2, retryAfter: 0 });
		auth0.injectFaults({ status: 429, pathPrefix: '/api/v2/roles/', count: 1, retryAfter: 0 });
		const run = await runDirectory({ provider: 'auth0', credentials: credentialsOf(auth0) });
		expect(directoryUsers(run)).toHaveLength(450);
		const minimum = rolesMinimum(auth0);
		expect(callCounts(auth0.requests)).toEqual({
			...minimum,
			'GET /api/v2/roles/{id}/users': minimum['GET /api/v2/roles/{id}/users'] + 1,
			'GET /api/v2/users': pages(450, AUTH0_PAGE) + 2,
		});
	});
});

describe('IdP Directory, Auth0: Get Users from 1,000 users on', () => {
	const directory = sampleDirectory(1100, 120, 150, 11);
	let auth0: FakeAuth0;
	beforeEach(async () => {
		auth0 = await fakeAuth0Of(directory, { exportPollsUntilDone: 3 });
	});
	afterEach(async () => {
		await auth0.close();
	});

	it('reads every user through a users-export job and downloads the file without the API token', async () => {
		const run = await runDirectory({ provider: 'auth0', credentials: credentialsOf(auth0) });
		const users = directoryUsers(run);
		expect(users).toHaveLength(1100);
		expect(callCounts(auth0.requests)).toEqual({
			...rolesMinimum(auth0),
			'GET /api/v2/users': 1,
			'POST /api/v2/jobs/users-exports': 1,
			'GET /api/v2/jobs/{id}': 3,
			'GET /user-exports/{file}': 1,
		});
		expect(auth0.exportDownloads.map((d) => d.status)).toEqual([200]);
		const found = byId(users);
		for (const index of [0, 4, 999, 1000, 1099]) {
			expect(groupIds(found.get(userId(index))!.user)).toEqual(expectedRoles(auth0, userId(index)));
		}
		const job = [...auth0.exportJobs.values()][0];
		// Observed when the job was requested: the export reads the directory after that.
		expect(new Set(users.map((u) => u.observedAt)).size).toBe(1);
		expect(users[0].observedAt <= job.created_at).toBe(true);
		expect(run.logs).toEqual(expect.arrayContaining([expect.stringMatching(/started users export job job_/), 'IdP Directory (auth0): fetched 1100 of ~1100 users']));
	});

	it('emits for an exported user exactly what the trigger enriches an event about that user with', async () => {
		const users = byId(directoryUsers(await runDirectory({ provider: 'auth0', credentials: credentialsOf(auth0) })));
		const events = [0, 4, 1050].map((i) => bareUserEvent('auth0', new URL(auth0.url).host, userId(i)));
		await runInNode({
			credentialType: new Auth0IdpApi(),
			credentials: credentialsOf(auth0),
			run: async (ctx) => await enrichAuth0Events(ctx, events, { includeGroups: true }),
		});
		for (const event of events) {
			const enriched = (event as { user: IdentityUser }).user;
			expect(sortedGroups(users.get(enriched.id)!.user)).toEqual(sortedGroups(enriched));
		}
	});

	it('keeps the chosen statuses of an exported directory itself', async () => {
		const run = await runDirectory({ provider: 'auth0', credentials: credentialsOf(auth0), filters: { auth0Status: ['active'] } });
		const wanted = directory.people.filter((p) => !blocked(p.index));
		expect(wanted.length).toBeGreaterThanOrEqual(1000);
		expect(directoryUsers(run).map((u) => u.user.id).sort()).toEqual(wanted.map((p) => userId(p.index)).sort());
	});

	it('refuses a search query that matches 1,000 users or more, and starts no export', async () => {
		await expect(
			runDirectory({ provider: 'auth0', credentials: credentialsOf(auth0), filters: { auth0Search: 'email:*' } }),
		).rejects.toThrow('Auth0 finds 1000 or more users for this query, and its user search returns 1,000 at most');
		expect(auth0.exportJobs.size).toBe(0);
	});

	it('asks the job for a fresh link once when the download link has expired, then reports the failure', async () => {
		const expiring = await fakeAuth0Of(directory, { exportPollsUntilDone: 1, exportLinkTtlSeconds: 0 });
		try {
			await expect(runDirectory({ provider: 'auth0', credentials: credentialsOf(expiring) })).rejects.toThrow(
				'Auth0: the users export file could not be downloaded (HTTP 403)',
			);
			expect(expiring.exportDownloads.map((d) => d.status)).toEqual([403, 403]);
			expect(callCounts(expiring.requests)['GET /api/v2/jobs/{id}']).toBe(2);
		} finally {
			await expiring.close();
		}
	});
});

describe('IdP Directory, Auth0: Get Groups', () => {
	it('lists every role as a group', async () => {
		const auth0 = await fakeAuth0Of(sampleDirectory(10, 3, 2));
		try {
			const run = await runDirectory({ provider: 'auth0', credentials: credentialsOf(auth0), resource: 'group' });
			expect(run.items.map((item) => item.group)).toEqual([
				{ id: roleId(0), name: 'mfa-000 Engineering', description: 'mfa-000 Engineering' },
				{ id: roleId(1), name: 'mfa-001 Finance', description: 'mfa-001 Finance' },
				{ id: roleId(2), name: 'mfa-002 Sales', description: 'mfa-002 Sales' },
			]);
			expect(callCounts(auth0.requests)).toEqual({ 'POST /oauth/token': 1, 'GET /api/v2/roles': 1 });
		} finally {
			await auth0.close();
		}
	});
});
