import type { IDataObject } from 'n8n-workflow';

import type { FakeDuo } from '../../../sandbox/duo/server';
import {
	FAST,
	applyEvents,
	enrolledUser,
	groupEvent,
	membershipEvent,
	mfaResetEvent,
	runDuo,
	startStaffDuo,
	userEvent,
	writesSent,
} from '../helpers';

const seed = () =>
	startStaffDuo([
		enrolledUser('jane', { alias1: '00uJ' }),
		{ username: 'bob', alias1: '00uB', groups: [{ name: 'staff' }] },
	]);

const workload = () => [
	userEvent('user.created', { id: '00uN', login: 'nina', email: 'nina@example.com' }),
	mfaResetEvent({ id: '00uN', login: 'nina' }),
	userEvent('user.updated', { id: '00uB', login: 'bob', displayName: 'Bob B' }),
	userEvent('user.suspended', { id: '00uB', login: 'bob' }),
	mfaResetEvent({ id: '00uJ', login: 'jane' }),
	membershipEvent('group.member_added', { id: '00uN', login: 'nina' }, { id: '00gV', name: 'VPN' }),
	membershipEvent('group.member_added', { id: '00uB', login: 'bob' }, { id: '00gV', name: 'VPN' }),
	membershipEvent(
		'group.member_removed',
		{ id: '00uJ', login: 'jane' },
		{ id: '00gS', name: 'staff' },
	),
	groupEvent('group.renamed', { id: '00gV', name: 'VPN EU', previousName: 'VPN' }),
	groupEvent('group.renamed', { id: '00gOLD', name: 'New', previousName: 'Old' }),
	groupEvent('group.deleted', { id: '00gS', name: 'staff' }),
	userEvent('user.deleted', { id: '00uB', login: 'bob' }),
	userEvent('user.reactivated', { id: '00uB', login: 'bob' }),
];

const OPTIONS = { createMissingGroups: true, sendEnrollmentEmail: true };

/**
 * Replaces the ids a dry run gives the objects it plans to create (`planned:<name>`) with the ids
 * Duo gave them in the real run, paired through the two runs' outputs.
 */
function withRealIds(value: unknown, planned: IDataObject[], done: IDataObject[]): unknown {
	let text = JSON.stringify(value);
	planned.forEach((item, index) => {
		for (const key of ['userId', 'groupId']) {
			const id = item[key];
			if (typeof id !== 'string' || !id.startsWith('planned:')) continue;
			for (const form of [id, encodeURIComponent(id)]) {
				text = text.split(form).join(String(done[index][key]));
			}
		}
	});
	return JSON.parse(text);
}

/** The writes a dry run planned, with the ids the real run gave the objects it created. */
function plannedAsSent(planned: IDataObject[], done: IDataObject[]): unknown {
	const plan = planned.flatMap((item) => item.plannedWrites as IDataObject[]);
	return withRealIds(
		plan.map(({ method, path, params }) => ({ method, path, params })),
		planned,
		done,
	);
}

describe('Dry Run', () => {
	let dry: FakeDuo;
	let real: FakeDuo;
	afterEach(async () => {
		await dry?.close();
		await real?.close();
	});

	it('plans, write for write, what the same Apply run then sends to Duo, and changes nothing', async () => {
		dry = await seed();
		real = await seed();
		const before = dry.snapshot();
		const staticData: IDataObject = {};
		const planned = await applyEvents(
			dry,
			workload(),
			OPTIONS,
			{ dryRun: true },
			{ staticData },
		);
		expect(dry.calls.filter((call) => call.method !== 'GET')).toEqual([]);
		expect(dry.snapshot()).toEqual(before);
		expect(staticData).toEqual({});

		const done = await applyEvents(real, workload(), OPTIONS);
		const sent = writesSent(real);
		expect(sent.length).toBeGreaterThan(15);
		expect(plannedAsSent(planned, done)).toEqual(sent);
		expect(planned.map((item) => item.action)).toEqual(done.map((item) => item.action));
		expect(planned.every((item) => item.dryRun === true)).toBe(true);
	});

	it('plans consistently when a lookup lists the groups again in the middle of the run', async () => {
		dry = await seed();
		real = await seed();
		const events = () => [
			groupEvent('group.deleted', { id: '00gS', name: 'staff' }),
			groupEvent('group.renamed', { id: '00gOLD', name: 'New', previousName: 'Old' }),
			membershipEvent(
				'group.member_added',
				{ id: '00uJ', login: 'jane' },
				{ id: '00gF', name: 'Finance' },
			),
			membershipEvent(
				'group.member_added',
				{ id: '00uB', login: 'bob' },
				{ id: '00gS', name: 'staff' },
			),
			membershipEvent(
				'group.member_added',
				{ id: '00uB', login: 'bob' },
				{ id: '00gN', name: 'New' },
			),
		];
		const remembered = async (fake: FakeDuo) => {
			const staticData: IDataObject = {};
			await applyEvents(
				fake,
				[userEvent('user.updated', { id: '00uJ', login: 'jane' })],
				{},
				{},
				{ staticData },
			);
			await applyEvents(
				fake,
				[groupEvent('group.created', { id: '00gX', name: 'Old' })],
				{},
				{},
				{ staticData },
			);
			fake.resetCounts();
			return staticData;
		};
		const planned = await applyEvents(
			dry,
			events(),
			OPTIONS,
			{ dryRun: true },
			{
				staticData: await remembered(dry),
			},
		);
		expect(dry.calls.filter((call) => call.route === 'GET /admin/v1/groups')).toHaveLength(1);
		const done = await applyEvents(
			real,
			events(),
			OPTIONS,
			{},
			{ staticData: await remembered(real) },
		);
		const sent = writesSent(real);
		expect(plannedAsSent(planned, done)).toEqual(sent);
		expect(planned.map((item) => item.action)).toEqual(done.map((item) => item.action));
	});

	it('lists old and new values in each planned write', async () => {
		dry = await seed();
		const [suspend, rename] = await applyEvents(
			dry,
			[
				userEvent('user.suspended', { id: '00uJ', login: 'jane' }),
				groupEvent('group.renamed', { id: '00gOLD', name: 'New', previousName: 'Old' }),
			],
			{},
			{ dryRun: true },
		);
		expect(suspend).toMatchObject({
			action: 'disabled',
			plannedWrites: [
				{
					method: 'POST',
					path: expect.stringMatching(/^\/admin\/v1\/users\/DU/),
					params: { status: 'disabled' },
					target: { kind: 'user', name: 'jane' },
					before: { status: 'active' },
					after: { status: 'disabled' },
				},
			],
		});
		expect(rename.plannedWrites).toEqual([
			{
				method: 'POST',
				path: expect.stringMatching(/^\/admin\/v1\/groups\/DG/),
				params: { name: 'New', desc: 'idp:okta:example.okta.com/00gOLD' },
				target: { kind: 'group', id: expect.any(String), name: 'Old' },
				before: { name: 'Old', desc: 'idp:okta:00gOLD' },
				after: { name: 'New', desc: 'idp:okta:example.okta.com/00gOLD' },
			},
		]);
	});

	it('applies to the user and group operations too', async () => {
		dry = await seed();
		const [disabled] = await runDuo(dry, {
			resource: 'user',
			operation: 'disable',
			user: { mode: 'username', value: 'bob' },
			dryRun: true,
			options: FAST,
		});
		const [created] = await runDuo(dry, {
			resource: 'group',
			operation: 'create',
			name: 'Finance',
			dryRun: true,
			options: FAST,
		});
		expect(disabled.json).toMatchObject({
			action: 'disabled',
			dryRun: true,
			plannedWrites: [{ method: 'POST', params: { status: 'disabled' } }],
		});
		expect(created.json).toMatchObject({
			action: 'group_created',
			groupId: 'planned:Finance',
			plannedWrites: [{ method: 'POST', path: '/admin/v1/groups', params: { name: 'Finance' } }],
		});
		expect(dry.calls.filter((call) => call.method !== 'GET')).toEqual([]);
	});
});
