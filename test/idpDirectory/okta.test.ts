import { OktaIdpApi } from '../../credentials/OktaIdpApi.credentials';
import { enrichOktaEvents } from '../../nodes/IdpEventTrigger/providers/okta/okta.enrich';
import type { IdentityUser } from '../../nodes/shared/model';
import { startFakeOkta, type FakeOkta } from '../../sandbox/okta/server';
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

const OKTA_PAGE = 200;

/** A spread of Okta statuses by index; the rest are ACTIVE. */
function oktaStatus(index: number): string {
	if (index % 23 === 5) return 'DEPROVISIONED';
	if (index % 17 === 3) return 'SUSPENDED';
	if (index % 29 === 7) return 'LOCKED_OUT';
	if (index % 31 === 11) return 'STAGED';
	if (index % 37 === 13) return 'PASSWORD_EXPIRED';
	return 'ACTIVE';
}

const userId = (index: number) => `00u${String(index).padStart(17, '0')}`;
const groupId = (index: number) => `00g${String(index).padStart(17, '0')}`;
const EVERYONE = '00gEVERYONE000000000';

async function fakeOktaOf(directory: SampleDirectory, options: Parameters<typeof startFakeOkta>[0] = {}) {
	const memberships: Record<string, string[]> = {
		[EVERYONE]: directory.people.map((person) => userId(person.index)),
	};
	for (const [group, people] of directory.members) memberships[groupId(group)] = people.map(userId);
	return await startFakeOkta({
		users: directory.people.map((person) => ({
			id: userId(person.index),
			status: oktaStatus(person.index),
			profile: {
				login: person.email,
				email: person.email,
				firstName: person.first,
				lastName: person.last,
				department: person.department,
				employeeNumber: person.index,
			},
		})),
		groups: [
			{ id: EVERYONE, name: 'Everyone', type: 'BUILT_IN' },
			...directory.groups.map((group) => ({ id: groupId(group.index), name: group.name })),
		],
		memberships,
		...options,
	});
}

const credentialsOf = (okta: FakeOkta) => ({ orgUrl: okta.url, apiToken: okta.apiToken });

/** The groups a user is in, from the fake's own state. */
function expectedGroups(okta: FakeOkta, id: string): string[] {
	return [...okta.state.memberships].filter(([, members]) => members.has(id)).map(([group]) => group).sort();
}

/** What the cheapest read costs: users pages, group pages, and every group's member pages. */
function minimumCalls(okta: FakeOkta, listedUsers: number | undefined) {
	const memberPages = [...okta.state.groups.keys()].reduce(
		(sum, id) => sum + pages(okta.state.memberships.get(id)?.size ?? 0, OKTA_PAGE),
		0,
	);
	return {
		...(listedUsers === undefined ? {} : { 'GET /api/v1/users': pages(listedUsers, OKTA_PAGE) }),
		'GET /api/v1/groups': pages(okta.state.groups.size, OKTA_PAGE),
		'GET /api/v1/groups/{id}/users': memberPages,
	};
}

describe('IdP Directory, Okta: Get Users', () => {
	const directory = sampleDirectory(450, 30, 250);
	let okta: FakeOkta;
	beforeEach(async () => {
		okta = await fakeOktaOf(directory);
	});
	afterEach(async () => {
		await okta.close();
	});

	it('emits every user but the deprovisioned as a DirectoryUser with its groups, in list calls only', async () => {
		const run = await runDirectory({ provider: 'okta', credentials: credentialsOf(okta) });
		const users = directoryUsers(run);
		const listed = directory.people.filter((person) => oktaStatus(person.index) !== 'DEPROVISIONED');
		expect(users).toHaveLength(listed.length);
		expect(callCounts(okta.requests)).toEqual(minimumCalls(okta, listed.length));
		const found = byId(users);
		for (const person of listed) {
			const entry = found.get(userId(person.index));
			expect(entry).toBeDefined();
			expect(entry!.idp).toBe('okta');
			expect(entry!.tenant).toBe(new URL(okta.url).host);
			expect(entry!.user.login).toBe(person.email);
			expect(groupIds(entry!.user)).toEqual(expectedGroups(okta, userId(person.index)));
		}
		const named = found.get(userId(0))!.user.groups!;
		expect(named.find((group) => group.id === groupId(1))?.name).toBe(directory.groups[1].name);
		expect(named.find((group) => group.id === EVERYONE)?.name).toBe('Everyone');
		expect(found.get(userId(3))!.user.status).toBe('suspended');
		expect(found.get(userId(7))!.user.status).toBe('locked');
		expect(found.get(userId(11))!.user.status).toBe('pending');
		expect(found.get(userId(13))!.user.status).toBe('active');
	});

	it('logs its progress against the Everyone group as it pages', async () => {
		const run = await runDirectory({ provider: 'okta', credentials: credentialsOf(okta) });
		const listed = run.items.length;
		expect(run.logs).toEqual(
			expect.arrayContaining([
				'IdP Directory (okta): fetched 200 of ~450 users',
				'IdP Directory (okta): fetched 400 of ~450 users',
				`IdP Directory (okta): fetched ${listed} of ~450 users`,
			]),
		);
	});

	it('emits for each user what the trigger enriches an event about that user with', async () => {
		const run = await runDirectory({ provider: 'okta', credentials: credentialsOf(okta) });
		const users = byId(directoryUsers(run));
		const sample = [0, 3, 7, 11, 100, 249, 300].map(userId);
		const events = sample.map((id) => bareUserEvent('okta', new URL(okta.url).host, id));
		await runInNode({
			credentialType: new OktaIdpApi(),
			credentials: credentialsOf(okta),
			run: async (ctx) => await enrichOktaEvents(ctx, events, { includeGroups: true }),
		});
		for (const event of events) {
			const enriched = (event as { user: IdentityUser }).user;
			expect(sortedGroups(users.get(enriched.id)!.user)).toEqual(sortedGroups(enriched));
		}
	});

	it('asks Okta for the chosen statuses, deprovisioned ones included on request', async () => {
		const run = await runDirectory({
			provider: 'okta',
			credentials: credentialsOf(okta),
			filters: { oktaStatus: ['suspended', 'deprovisioned'] },
		});
		const users = directoryUsers(run);
		const wanted = directory.people.filter((p) => ['SUSPENDED', 'DEPROVISIONED'].includes(oktaStatus(p.index)));
		expect(users.map((u) => u.user.id).sort()).toEqual(wanted.map((p) => userId(p.index)).sort());
		expect(new Set(users.map((u) => u.user.status))).toEqual(new Set(['suspended', 'deprovisioned']));
		expect(callCounts(okta.requests)).toEqual(minimumCalls(okta, wanted.length));
	});

	it("passes a search expression to Okta, with the statuses in it", async () => {
		const run = await runDirectory({
			provider: 'okta',
			credentials: credentialsOf(okta),
			filters: { oktaSearch: 'profile.department eq "Finance"', oktaStatus: ['active'] },
		});
		const wanted = directory.people.filter(
			(p) => p.department === 'Finance' && ['ACTIVE', 'PASSWORD_EXPIRED', 'RECOVERY'].includes(oktaStatus(p.index)),
		);
		expect(directoryUsers(run).map((u) => u.user.id).sort()).toEqual(wanted.map((p) => userId(p.index)).sort());
		expect(run.logs.some((line) => line.includes(' of ~'))).toBe(false);
	});

	it("takes a group's members as the users when filtered to a group, without listing users", async () => {
		const run = await runDirectory({
			provider: 'okta',
			credentials: credentialsOf(okta),
			filters: { group: directory.groups[1].name },
		});
		const users = directoryUsers(run);
		const wanted = directory.members.get(1)!.filter((index) => oktaStatus(index) !== 'DEPROVISIONED');
		expect(users.map((u) => u.user.id).sort()).toEqual(wanted.map(userId).sort());
		expect(users.every((u) => groupIds(u.user).includes(groupId(1)))).toBe(true);
		expect(callCounts(okta.requests)).toEqual(minimumCalls(okta, undefined));
	});

	it('refuses a group Okta does not have before reading any user', async () => {
		await expect(
			runDirectory({ provider: 'okta', credentials: credentialsOf(okta), filters: { group: 'no such group' } }),
		).rejects.toThrow('Okta has no group "no such group"');
		expect(callCounts(okta.requests)).toEqual({ 'GET /api/v1/groups': 1 });
	});

	it("reports a search expression Okta refuses with Okta's error", async () => {
		await expect(
			runDirectory({ provider: 'okta', credentials: credentialsOf(okta), filters: { oktaSearch: 'profile.department eq' } }),
		).rejects.toThrow(/^Okta: Invalid search criteria\..*\(E0000031\)$/);
	});

	it('waits out a 429 and reads on, one retry per refusal', async () => {
		okta.injectFaults({ status: 429, pathPrefix: '/api/v1/groups/', count: 2, resetInSeconds: 0 });
		okta.injectFaults({ status: 429, pathPrefix: '/api/v1/users', count: 1, resetInSeconds: 0 });
		const run = await runDirectory({ provider: 'okta', credentials: credentialsOf(okta) });
		const listed = directory.people.filter((p) => oktaStatus(p.index) !== 'DEPROVISIONED').length;
		expect(directoryUsers(run)).toHaveLength(listed);
		const minimum = minimumCalls(okta, listed);
		expect(callCounts(okta.requests)).toEqual({
			...minimum,
			'GET /api/v1/users': minimum['GET /api/v1/users']! + 1,
			'GET /api/v1/groups/{id}/users': minimum['GET /api/v1/groups/{id}/users'] + 2,
		});
		expect(okta.requests.filter((r) => r.status === 429)).toHaveLength(3);
	});
});

describe('IdP Directory, Okta: rate-limit windows', () => {
	it('waits for the next window when the calls in flight use up what remains, and draws no 429', async () => {
		const directory = sampleDirectory(40, 12, 5);
		const okta = await fakeOktaOf(directory, { rateLimit: { limit: 5, windowSeconds: 1, enforce: true } });
		try {
			const run = await runDirectory({ provider: 'okta', credentials: credentialsOf(okta) });
			const listed = directory.people.filter((p) => oktaStatus(p.index) !== 'DEPROVISIONED').length;
			expect(directoryUsers(run)).toHaveLength(listed);
			expect(okta.requests.filter((r) => r.status === 429)).toEqual([]);
			expect(callCounts(okta.requests)).toEqual(minimumCalls(okta, listed));
		} finally {
			await okta.close();
		}
	});
});

describe('IdP Directory, Okta: Get Groups', () => {
	it('lists every group with its member count in one call per 200 groups', async () => {
		const directory = sampleDirectory(30, 5, 10);
		const okta = await fakeOktaOf(directory);
		try {
			const run = await runDirectory({ provider: 'okta', credentials: credentialsOf(okta), resource: 'group' });
			expect(run.items).toHaveLength(6);
			expect(run.items[0]).toMatchObject({
				schemaVersion: 1,
				type: 'directory.group',
				idp: 'okta',
				tenant: new URL(okta.url).host,
				group: { id: EVERYONE, name: 'Everyone', memberCount: 30 },
			});
			expect(run.items.find((item) => (item.group as { id: string }).id === groupId(1))).toMatchObject({
				group: { name: directory.groups[1].name, memberCount: 10 },
			});
			expect(callCounts(okta.requests)).toEqual({ 'GET /api/v1/groups': 1 });
		} finally {
			await okta.close();
		}
	});
});
