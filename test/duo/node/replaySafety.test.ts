import { sleep } from 'n8n-workflow';

import type { FakeDuo } from '../../../sandbox/duo/server';
import { FAST, applyEvents, duoCredentials, membershipEvent, runDuo, startDuo, userEvent } from '../helpers';

const byUsername = (value: string) => ({ __rl: true, mode: 'username', value });

describe('what a retried or concurrent write may count as done', () => {
	let fake: FakeDuo;
	afterEach(async () => fake.close());

	it('a 404 after a retried 5xx fails an update: only a DELETE reads "not found" as done', async () => {
		fake = await startDuo({ users: [{ username: 'jane' }] });
		const [jane] = fake.snapshot().users;
		fake.injectFaults({ status: 500, count: 1, route: 'POST /admin/v1/users/:id' });
		const removedMeanwhile = (async () => {
			while (!fake.calls.some((call) => call.status === 500)) await sleep(5);
			fake.state.users.delete(jane.user_id);
		})();
		const output = await runDuo(
			fake,
			{ resource: 'user', operation: 'disable', user: byUsername('jane'), options: { retryBaseDelayMs: 150 } },
			[{ json: {} }],
			{ continueOnFail: true },
		);
		await removedMeanwhile;
		expect(output[0].json.error).toMatch(/^Duo: /);
		expect(output[0].json.action).toBeUndefined();
		expect(fake.calls.map((call) => [call.route, call.status])).toEqual([
			['GET /admin/v1/users', 200],
			['POST /admin/v1/users/:id', 500],
			['POST /admin/v1/users/:id', 404],
		]);
	});

	it('a DELETE answered 404 is done, retried or not: another execution deleted it first', async () => {
		fake = await startDuo({ users: [{ username: 'jane' }] });
		const [jane] = fake.snapshot().users;
		fake.injectFaults({ status: 500, count: 1, route: 'DELETE /admin/v1/users/:id', afterApply: true });
		const [deleted] = await runDuo(fake, { resource: 'user', operation: 'delete', user: byUsername('jane'), options: FAST });
		expect(deleted.json).toMatchObject({ action: 'deleted', userId: jane.user_id });
		expect(fake.snapshot().users).toEqual([]);
	});

	it('retries lost connections and timeouts with backoff, and converges', async () => {
		fake = await startDuo({ users: [{ username: 'jane' }] });
		fake.injectFaults({ status: 'reset', count: 2, route: 'GET /admin/v1/users' });
		fake.injectFaults({ status: 'hang', count: 1, route: 'POST /admin/v1/users/:id' });
		const [disabled] = await runDuo(fake, {
			resource: 'user',
			operation: 'disable',
			user: byUsername('jane'),
			options: { retryBaseDelayMs: 1, requestTimeoutSeconds: 1 },
		});
		expect(disabled.json).toMatchObject({ action: 'disabled' });
		expect(fake.snapshot().users[0].status).toBe('disabled');
		expect(fake.calls.map((call) => call.status)).toEqual(['reset', 'reset', 200, 'hang', 200]);
	});

	it('gives up on a host that never answers with a clear message and no secret', async () => {
		fake = await startDuo({ users: [{ username: 'jane' }] });
		fake.injectFaults({ status: 'reset' });
		const error = await runDuo(fake, {
			resource: 'user',
			operation: 'get',
			user: byUsername('jane'),
			options: FAST,
		}).then(
			() => new Error('expected a failure'),
			(caught: Error & { description?: string }) => caught,
		);
		expect(error.message).toBe('Duo did not answer (connection reset)');
		expect((error as { description?: string }).description).toContain('after 6 attempts');
		expect(JSON.stringify(error)).not.toContain(fake.skey);
		expect(fake.calls).toHaveLength(6);
	});

	const newMember = () =>
		membershipEvent('group.member_added', { id: '00uNEW', login: 'new.user' }, { id: '00gVPN', name: 'VPN' });

	it('two executions of one process creating the same user and group at once take turns: one writes', async () => {
		fake = await startDuo();
		const [first, second] = await Promise.all([applyEvents(fake, [newMember()]), applyEvents(fake, [newMember()])]);
		expect([first[0].action, second[0].action].sort()).toEqual(['group_added', 'unchanged']);
		expect(fake.counts().writes).toBe(3);
		expect(fake.snapshot().users.map((user) => [user.username, user.groupNames])).toEqual([['new.user', ['VPN']]]);
	});

	it('two processes creating the same new user and group at once both succeed', async () => {
		fake = await startDuo();
		// Both look the user up before either creates it.
		fake.injectFaults({ status: 'delay', ms: 300, count: 2, route: 'GET /admin/v1/users' });
		// The same Duo account under a second host name: nothing in this process's memory is shared.
		const elsewhere = { credentials: duoCredentials(fake, { apiHostname: fake.url.replace('127.0.0.1', 'localhost') }) };
		const [first, second] = await Promise.all([
			applyEvents(fake, [newMember()]),
			applyEvents(fake, [newMember()], {}, {}, elsewhere),
		]);
		expect([first[0].error, second[0].error]).toEqual([undefined, undefined]);
		expect([first[0].action, second[0].action]).toEqual(expect.arrayContaining(['group_added']));
		const snapshot = fake.snapshot();
		expect(snapshot.users.map((user) => [user.username, user.groupNames])).toEqual([['new.user', ['VPN']]]);
		expect(snapshot.groups.map((group) => group.name)).toEqual(['VPN']);
		expect(fake.calls.filter((call) => call.status === 400).map((call) => call.route)).toEqual(
			expect.arrayContaining(['POST /admin/v1/users']),
		);
	});
});

describe('an item that fails without Continue On Fail', () => {
	let fake: FakeDuo;
	afterEach(async () => fake.close());

	it('says what the items before it already changed', async () => {
		fake = await startDuo({ users: [{ username: 'jane' }, { username: 'bob' }] });
		const error = await applyEvents(
			fake,
			[
				userEvent('user.suspended', { id: '00uJ', login: 'jane' }),
				userEvent('user.suspended', { id: '00uB', login: 'bob' }),
				userEvent('user.suspended', { id: '00uG', login: 'ghost' }),
			],
			{ strict: true },
		).catch((caught: { message: string; description?: string }) => caught);
		expect(error).toMatchObject({
			message: 'No Duo user matches ghost',
			description: expect.stringContaining('Already done by the items before it: item 0: disabled jane; item 1: disabled bob.'),
		});
		expect(fake.snapshot().users.map((user) => user.status)).toEqual(['disabled', 'disabled']);
	});
});
