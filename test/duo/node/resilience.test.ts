import { DuoAdminApi } from '../../../credentials/DuoAdminApi.credentials';
import type { IdentityEvent } from '../../../nodes/shared/model';
import type { FakeDuo, FakeDuoSnapshot } from '../../../sandbox/duo/server';
import { testCredential } from '../../harness/engine';
import {
	FAST,
	applyEvents,
	duoCredentials,
	enrolledUser,
	groupEvent,
	membershipEvent,
	mfaResetEvent,
	runDuo,
	startDuo,
	startStaffDuo,
	userEvent,
} from '../helpers';

const seed = () =>
	startStaffDuo([
		enrolledUser('jane', { alias1: '00uJANE' }),
		...Array.from({ length: 8 }, (_, i) => ({
			username: `user${i}`,
			alias1: `00u${i}`,
			groups: [{ name: 'staff' }],
		})),
	]);

function workload(): IdentityEvent[] {
	return [
		userEvent('user.created', { id: '00uNEW', login: 'new.user', email: 'new@example.com' }),
		userEvent('user.updated', { id: '00u1', login: 'user1.renamed', displayName: 'User One' }),
		userEvent('user.suspended', { id: '00u2', login: 'user2' }),
		userEvent('user.deleted', { id: '00u3', login: 'user3' }),
		mfaResetEvent({ id: '00uJANE', login: 'jane' }),
		membershipEvent(
			'group.member_added',
			{ id: '00u4', login: 'user4' },
			{ id: '00gVPN', name: 'VPN' },
		),
		membershipEvent(
			'group.member_added',
			{ id: '00u5', login: 'user5' },
			{ id: '00gVPN', name: 'VPN' },
		),
		membershipEvent(
			'group.member_removed',
			{ id: '00u6', login: 'user6' },
			{ id: '00gS', name: 'staff' },
		),
		groupEvent('group.renamed', { id: '00gOLD', name: 'New' }),
		groupEvent('group.created', { id: '00gFIN', name: 'Finance' }),
		userEvent('user.reactivated', { id: '00u2', login: 'user2' }),
	];
}

describe('retries and convergence', () => {
	let fake: FakeDuo;
	let clean: FakeDuoSnapshot;
	afterEach(async () => fake.close());

	beforeAll(async () => {
		const reference = await seed();
		await applyEvents(reference, workload());
		clean = reference.snapshot();
		await reference.close();
	});

	it.each([
		[429, 0.35, 11],
		[500, 0.15, 5],
	] as const)(
		'HTTP %i injected at rate %f converges to the state of a clean run',
		async (status, rate, faultSeed) => {
			fake = await seed();
			fake.injectFaults({ status, rate, seed: faultSeed });
			const output = await applyEvents(fake, workload());
			expect(output.every((o) => !('error' in o))).toBe(true);
			expect(fake.calls.filter((c) => c.status === status).length).toBeGreaterThan(0);
			expect(fake.snapshot()).toEqual(clean);
		},
	);

	it('writes whose responses were lost (5xx after the write) converge without duplicates', async () => {
		fake = await seed();
		fake.injectFaults({ status: 500, rate: 0.3, seed: 3, method: 'POST', afterApply: true });
		fake.injectFaults({ status: 502, rate: 0.3, seed: 4, method: 'DELETE', afterApply: true });
		const output = await applyEvents(fake, workload());
		expect(output.every((o) => !('error' in o))).toBe(true);
		expect(fake.calls.filter((c) => typeof c.status === "number" && c.status >= 500).length).toBeGreaterThan(2);
		expect(fake.snapshot()).toEqual(clean);
	});

	it('a create whose response was lost finds the user it created instead of failing', async () => {
		fake = await startDuo();
		fake.injectFaults({ status: 500, count: 1, route: 'POST /admin/v1/users', afterApply: true });
		const [result] = await runDuo(fake, {
			resource: 'user',
			operation: 'upsert',
			input: 'fields',
			username: 'jane',
			idpUserId: '00uJ',
			options: FAST,
		});
		const [jane] = fake.snapshot().users;
		expect(result.json).toMatchObject({ action: 'created', userId: jane.user_id });
		expect(fake.calls.map((c) => [c.route, c.status])).toEqual([
			['GET /admin/v1/users', 200],
			['POST /admin/v1/users', 500],
			['POST /admin/v1/users', 400],
			['GET /admin/v1/users', 200],
		]);
	});

	it("backs off exponentially on 429 and gives up after six retries with Duo's code", async () => {
		fake = await startDuo({ users: [{ username: 'jane' }] });
		fake.injectFaults({ status: 429, count: 3 });
		const started = Date.now();
		await runDuo(fake, {
			resource: 'user',
			operation: 'disable',
			user: { __rl: true, mode: 'username', value: 'jane' },
			options: { retryBaseDelayMs: 40 },
		});
		expect(Date.now() - started).toBeGreaterThanOrEqual(40 + 80 + 160);
		expect(fake.snapshot().users[0].status).toBe('disabled');

		fake.clearFaults();
		fake.resetCounts();
		fake.injectFaults({ status: 429, count: 100 });
		await expect(
			runDuo(fake, {
				resource: 'user',
				operation: 'get',
				user: { __rl: true, mode: 'username', value: 'jane' },
				options: FAST,
			}),
		).rejects.toMatchObject({
			message: 'Duo: Too Many Requests [code 42901]',
			description: expect.stringContaining('after 7 attempts'),
		});
		expect(fake.counts().total).toBe(7);
	});

	it('retries 5xx five times, and never retries other 4xx', async () => {
		fake = await startDuo({ groups: [{ name: 'A' }, { name: 'B' }] });
		fake.injectFaults({ status: 500, count: 100 });
		await expect(
			runDuo(fake, { resource: 'group', operation: 'getAll', returnAll: true, options: FAST }),
		).rejects.toMatchObject({
			message: 'Duo: Unknown internal server error [code 50001]',
		});
		expect(fake.counts().total).toBe(6);

		fake.clearFaults();
		fake.resetCounts();
		const output = await runDuo(
			fake,
			{
				resource: 'group',
				operation: 'rename',
				group: { __rl: true, mode: 'name', value: '={{$json.from}}' },
				newName: '={{$json.to}}',
				options: FAST,
			},
			[{ json: { from: 'A', to: 'B' } }, { json: { from: 'A', to: 'C' } }],
			{ continueOnFail: true },
		);
		expect(output).toEqual([
			{
				json: expect.objectContaining({ error: 'Duo: Duplicate resource (name) [code 40003]' }),
				pairedItem: { item: 0 },
			},
			{ json: expect.objectContaining({ action: 'group_renamed' }), pairedItem: { item: 1 } },
		]);
		expect(fake.counts().byRoute['POST /admin/v1/groups/:id']).toBe(2);
	});
});

describe('credentials', () => {
	let fake: FakeDuo;
	afterEach(async () => fake.close());

	it("a wrong secret key gives Duo's code and message and never the secret", async () => {
		fake = await startDuo({ users: [{ username: 'jane' }] });
		const secret = 'this-secret-must-not-leak-0123456789';
		const parameters = {
			resource: 'user',
			operation: 'get',
			user: { __rl: true, mode: 'username', value: 'jane' },
			options: FAST,
		};
		const error = await runDuo(fake, parameters, [{ json: {} }], {
			credentials: duoCredentials(fake, { secretKey: secret }),
		}).catch((e) => e);
		expect(error.message).toBe('Duo: Invalid signature in request credentials [code 40103]');
		expect(error.description).toContain('Check the Integration Key, Secret Key and API Hostname');
		expect(
			JSON.stringify({
				message: error.message,
				description: error.description,
				context: error.context,
			}),
		).not.toContain(secret);
		expect(fake.counts().total).toBe(1);

		const items = await runDuo(fake, parameters, [{ json: {} }, { json: {} }], {
			continueOnFail: true,
			credentials: duoCredentials(fake, { integrationKey: 'DIWRONG' }),
		});
		expect(items).toEqual([
			{
				json: expect.objectContaining({
					error: 'Duo: Invalid integration key in request credentials [code 40102]',
				}),
				pairedItem: { item: 0 },
			},
			{
				json: expect.objectContaining({
					error: 'Duo: Invalid integration key in request credentials [code 40102]',
				}),
				pairedItem: { item: 1 },
			},
		]);
	});

	it('the credential test reads one user, and explains a refusal', async () => {
		fake = await startDuo({ users: [{ username: 'jane' }] });
		const credentialType = new DuoAdminApi();
		expect(await testCredential({ credentialType, data: duoCredentials(fake) })).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(fake.calls).toEqual([
			expect.objectContaining({
				method: 'GET',
				path: '/admin/v1/users',
				status: 200,
				params: { limit: '1' },
			}),
		]);
		const refused = await testCredential({
			credentialType,
			data: duoCredentials(fake, { secretKey: 'wrong' }),
		});
		expect(refused.status).toBe('Error');
		expect(refused.message).toMatch(/^Duo did not accept these keys/);
		expect(fake.snapshot().users).toHaveLength(1);
	});
});
