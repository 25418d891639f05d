import type { FakeDuo } from '../../../sandbox/duo/server';
import { FAST, runDuo, startDuo, userEvent } from '../helpers';

const upsert = (fields: Record<string, unknown>) => ({
	resource: 'user',
	operation: 'upsert',
	input: 'fields',
	...fields,
	options: { ...FAST, ...((fields.options as object) ?? {}) },
});

describe('User: Create or Update', () => {
	let fake: FakeDuo;
	afterEach(async () => fake.close());

	it('creates a user with the IdP id in alias1, then makes no write when nothing changed', async () => {
		fake = await startDuo();
		const parameters = upsert({
			username: 'jane.doe',
			idpUserId: '00uJANE',
			additionalFields: {
				email: 'jane@example.com',
				realname: 'Jane Doe',
				firstname: 'Jane',
				lastname: 'Doe',
				notes: 'contractor',
			},
		});
		const [created] = await runDuo(fake, parameters);
		expect(created.json).toMatchObject({
			action: 'created',
			userId: expect.stringMatching(/^DU/),
		});
		expect(created.pairedItem).toEqual({ item: 0 });
		expect(fake.snapshot().users).toEqual([
			expect.objectContaining({
				username: 'jane.doe',
				email: 'jane@example.com',
				realname: 'Jane Doe',
				notes: 'contractor',
				status: 'active',
				aliases: { alias1: '00uJANE' },
			}),
		]);

		fake.resetCounts();
		const [again] = await runDuo(fake, parameters);
		expect(again.json).toEqual({
			action: 'unchanged',
			username: 'jane.doe',
			userId: created.json.userId,
		});
		expect(fake.counts()).toMatchObject({ writes: 0, reads: 1 });
	});

	it('updates only the fields that differ and reports from → to', async () => {
		fake = await startDuo({
			users: [
				{ username: 'jane.doe', email: 'old@example.com', realname: 'Jane Doe', notes: 'keep' },
			],
		});
		const [result] = await runDuo(
			fake,
			upsert({
				username: 'jane.doe',
				additionalFields: { email: 'new@example.com', realname: 'Jane Doe', status: 'bypass' },
			}),
		);
		expect(result.json).toMatchObject({
			action: 'updated',
			changes: {
				email: { from: 'old@example.com', to: 'new@example.com' },
				status: { from: 'active', to: 'bypass' },
			},
		});
		const write = fake.calls.find((call) => call.method === 'POST');
		expect(write?.params).toEqual({ email: 'new@example.com', status: 'bypass' });
		expect(fake.snapshot().users[0]).toMatchObject({ notes: 'keep', status: 'bypass' });
	});

	it('follows the alias when the IdP login was renamed, instead of creating a second user', async () => {
		fake = await startDuo({
			users: [{ username: 'jane.doe', alias1: '00uJANE', email: 'jane@example.com' }],
		});
		const before = fake.snapshot().users[0].user_id;
		const [result] = await runDuo(fake, upsert({ username: 'jane.smith', idpUserId: '00uJANE' }));
		expect(result.json).toMatchObject({
			action: 'updated',
			userId: before,
			changes: { username: { from: 'jane.doe', to: 'jane.smith' } },
		});
		expect(fake.snapshot().users).toEqual([
			expect.objectContaining({
				user_id: before,
				username: 'jane.smith',
				aliases: { alias1: '00uJANE' },
			}),
		]);
		// one batched lookup found the user by alias: no second read
		expect(fake.counts()).toMatchObject({ reads: 1, writes: 1 });
	});

	it('adopts an existing user found by username by writing the alias slot chosen in the options', async () => {
		fake = await startDuo({ users: [{ username: 'jane.doe', alias1: 'JD' }] });
		const [result] = await runDuo(
			fake,
			upsert({ username: 'jane.doe', idpUserId: '00uJANE', options: { aliasSlot: 'alias3' } }),
		);
		expect(result.json).toMatchObject({
			action: 'updated',
			changes: { alias3: { from: '', to: '00uJANE' } },
		});
		expect(fake.snapshot().users[0].aliases).toEqual({ alias1: 'JD', alias3: '00uJANE' });
	});

	it('refuses to rename onto a username another Duo user holds', async () => {
		fake = await startDuo({
			users: [{ username: 'jane.doe', alias1: '00uJANE' }, { username: 'jane.smith' }],
		});
		const output = await runDuo(
			fake,
			upsert({ username: 'jane.smith', idpUserId: '00uJANE' }),
			[{ json: {} }],
			{ continueOnFail: true },
		);
		expect(output[0].json.error).toMatch(/cannot be renamed to jane.smith/);
		expect(fake.counts().writes).toBe(0);
	});

	it('syncs from an identity event with the username taken from the email, status disabled on create', async () => {
		fake = await startDuo();
		const event = userEvent('user.created', {
			id: '00uBOB',
			login: 'bob',
			email: 'bob@example.com',
			givenName: 'Bob',
			familyName: 'Builder',
			status: 'suspended',
		});
		const [result] = await runDuo(
			fake,
			{
				resource: 'user',
				operation: 'upsert',
				input: 'event',
				usernameSource: 'email',
				options: FAST,
			},
			[{ json: event as never }],
		);
		expect(result.json).toMatchObject({
			action: 'created',
			eventId: event.id,
			eventType: 'user.created',
		});
		expect(fake.snapshot().users[0]).toMatchObject({
			username: 'bob@example.com',
			realname: 'Bob Builder',
			firstname: 'Bob',
			lastname: 'Builder',
			status: 'disabled',
			aliases: { alias1: 'idp:okta:example.okta.com/00uBOB' },
		});
	});

	it('takes the username from a mapped attribute', async () => {
		fake = await startDuo();
		const event = userEvent('user.updated', {
			id: '00uSAM',
			login: 'sam@example.com',
			attributes: { samAccountName: 'SAMW' },
		});
		await runDuo(
			fake,
			{
				resource: 'user',
				operation: 'upsert',
				input: 'event',
				usernameSource: 'attribute',
				usernameAttribute: 'samAccountName',
				options: FAST,
			},
			[{ json: event as never }],
		);
		expect(fake.snapshot().users.map((u) => u.username)).toEqual(['SAMW']);
	});

	it('fails an item that is not an identity event, and continues on fail when asked', async () => {
		fake = await startDuo();
		const parameters = { resource: 'user', operation: 'upsert', input: 'event', options: FAST };
		await expect(runDuo(fake, parameters, [{ json: { hello: 'world' } }])).rejects.toThrow(
			/not a normalized identity event/,
		);
		const output = await runDuo(fake, parameters, [{ json: { hello: 'world' } }], {
			continueOnFail: true,
		});
		expect(output).toEqual([
			{
				json: expect.objectContaining({
					error: 'The input item is not a normalized identity event',
				}),
				pairedItem: { item: 0 },
			},
		]);
	});
});
