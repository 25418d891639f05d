import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { FakeDuo } from '../../../sandbox/duo/server';
import {
	FAST,
	applyEvents,
	exampleProfile,
	membershipEvent,
	mfaResetEvent,
	runDuo,
	startDuo,
	userEvent,
	withTenant,
	type RunOptions,
} from '../helpers';

/** Email as username, IdP id in alias1, only mfa-* groups without the prefix, no service accounts. */
const EMAIL_PROFILE = exampleProfile('email-username-mfa-groups.json');
const TWO_TENANTS = exampleProfile('two-tenants.json');

const byCredential = (profile: string | IDataObject): [INodeParameters, RunOptions] => [
	{ mapping: 'credential' },
	{ profile },
];
const inNode = (profile: string): [INodeParameters, RunOptions] => [
	{ mapping: 'json', mappingProfile: profile },
	{},
];

const writes = (fake: FakeDuo) => fake.calls.filter((call) => call.method !== 'GET');
const duoUser = (fake: FakeDuo, username: string) =>
	fake.snapshot().users.find((user) => user.username === username);

const jane = {
	id: '00uJANE',
	login: 'jane.doe',
	email: 'jane@corp.test',
	givenName: 'Jane',
	familyName: 'Doe',
};

describe('mapping profiles in the Duo node', () => {
	let fake: FakeDuo;
	afterEach(async () => fake.close());

	it('uses the email as username and keeps the immutable IdP id in an alias, across renames', async () => {
		fake = await startDuo();
		const [parameters, run] = byCredential(EMAIL_PROFILE);
		const [created] = await applyEvents(
			fake,
			[userEvent('user.created', jane)],
			{},
			parameters,
			run,
		);
		expect(created).toMatchObject({
			action: 'created',
			mapping: { tenantProfile: 'profile', missing: [] },
		});
		expect(duoUser(fake, 'jane@corp.test')).toMatchObject({
			realname: 'Jane Doe',
			firstname: 'Jane',
			lastname: 'Doe',
			email: 'jane@corp.test',
			aliases: { alias1: 'idp:okta:example.okta.com/00uJANE' },
		});

		const renamed = { ...jane, email: 'jane.smith@corp.test', familyName: 'Smith' };
		const [updated] = await applyEvents(
			fake,
			[userEvent('user.updated', renamed)],
			{},
			parameters,
			run,
		);
		expect(updated).toMatchObject({ action: 'updated', userId: created.userId });
		expect(fake.snapshot().users).toHaveLength(1);
		expect(duoUser(fake, 'jane.smith@corp.test')).toMatchObject({
			user_id: created.userId,
			realname: 'Jane Smith',
			lastname: 'Smith',
		});
	});

	it('lets only mfa-* groups through, renamed without the prefix', async () => {
		fake = await startDuo({ users: [{ username: 'jane@corp.test', alias1: '00uJANE' }] });
		const [parameters, run] = byCredential(EMAIL_PROFILE);
		const add = (name: string) =>
			membershipEvent('group.member_added', jane, { id: `00g-${name}`, name });
		const out = await applyEvents(
			fake,
			[add('mfa-vpn'), add('Everyone'), add('mfa-legacy-tokens')],
			{ createMissingGroups: false },
			parameters,
			run,
		);
		expect(out.map((item) => [item.action, item.reason])).toEqual([
			['group_added', undefined],
			['skipped', 'group "Everyone" is not in groups.include'],
			['skipped', 'group "mfa-legacy-tokens" is in groups.exclude'],
		]);
		expect(fake.snapshot().groups.map((group) => [group.name, group.desc])).toEqual([
			['vpn', 'idp:okta:example.okta.com/00g-mfa-vpn'],
		]);
		expect(duoUser(fake, 'jane@corp.test')?.groupNames).toEqual(['vpn']);

		const [removed] = await applyEvents(
			fake,
			[membershipEvent('group.member_removed', jane, { id: '00g-mfa-vpn', name: 'mfa-vpn' })],
			{},
			parameters,
			run,
		);
		expect(removed.action).toBe('group_removed');
		expect(duoUser(fake, 'jane@corp.test')?.groupNames).toEqual([]);
	});

	it('skips service accounts and other users the rules leave out, without writing', async () => {
		fake = await startDuo({ users: [{ username: 'svc-backup@corp.test', alias1: '00uSVC' }] });
		const [parameters, run] = byCredential(EMAIL_PROFILE);
		const out = await applyEvents(
			fake,
			[
				userEvent('user.created', { id: '00uSVC2', login: 'svc-deploy', email: 'd@corp.test' }),
				userEvent('user.deleted', { id: '00uSVC', login: 'svc-backup' }),
				userEvent('user.created', {
					id: '00uC',
					login: 'carl',
					email: 'carl@corp.test',
					attributes: { userType: 'Contractor' },
				}),
			],
			{},
			parameters,
			run,
		);
		expect(out.map((item) => item.action)).toEqual(['skipped', 'skipped', 'skipped']);
		expect(out[0].reason).toBe('rules[0]: notContains("svc-deploy", "svc-") is false');
		expect(out[2].reason).toBe(
			'rules[1]: none of rules[1].or[0]: equals("Contractor", "Employee") is false; rules[1].or[1]: equals("Contractor", "") is false',
		);
		expect(writes(fake)).toEqual([]);
	});

	it('picks the profile by the event tenant from one document, in a credential or in the node', async () => {
		for (const [parameters, run] of [byCredential(TWO_TENANTS), inNode(TWO_TENANTS)]) {
			fake = await startDuo();
			const acme = withTenant('acme.okta.com', () => userEvent('user.created', jane));
			const [sub, contractor, unknown] = withTenant('subsidiary.okta.com', () => [
				userEvent('user.created', { id: '00uS', login: 'sam', email: 'sam@sub.test' }),
				userEvent('user.created', {
					id: '00uK',
					login: 'kim',
					email: 'kim@sub.test',
					attributes: { userType: 'Contractor' },
				}),
				withTenant('other.okta.com', () =>
					userEvent('user.created', { id: '00uO', login: 'olga' }),
				),
			]);
			const out = await applyEvents(fake, [acme, sub, contractor, unknown], {}, parameters, run);
			expect(out.map((item) => [item.action, (item.mapping as IDataObject).tenantProfile])).toEqual(
				[
					['created', 'tenants.acme.okta.com'],
					['created', 'tenants.subsidiary.okta.com'],
					['skipped', 'tenants.subsidiary.okta.com'],
					['skipped', 'tenants.other.okta.com'],
				],
			);
			expect(out[3].reason).toBe(
				'no mapping profile for tenant "other.okta.com" and no default profile',
			);
			expect(fake.snapshot().users.map((user) => [user.username, user.notes])).toEqual([
				['jane.doe', '[idp-mfa-sync] state as of 2026-11-01T10:00:00.000Z'],
				['sam@sub.test', 'synced from subsidiary.okta.com\n[idp-mfa-sync] state as of 2026-11-01T10:00:00.000Z'],
			]);
			await fake.close();
		}
		fake = await startDuo();
	});

	it('stops before any write when the profile is not valid, naming every path', async () => {
		fake = await startDuo({ users: [{ username: 'jane.doe', alias1: '00uJANE' }] });
		const broken = JSON.stringify({
			username: '{{ idp.login',
			rules: [{ equals: ['a', 'a'] }, { and: [{ contains: ['x'] }] }],
		});
		const events = [userEvent('user.deleted', jane), userEvent('user.created', jane)];
		for (const [parameters, run] of [byCredential(broken), inNode(broken)]) {
			await expect(applyEvents(fake, events, {}, parameters, run)).rejects.toThrow(
				'The mapping profile is not valid: username: "{{" is not closed by "}}"; rules[1].and[0].contains: expected exactly two operands',
			);
		}
		await expect(
			applyEvents(
				fake,
				events,
				{},
				{ mapping: 'json', mappingProfile: '{"attributes": {"phone": "{{ idp.x }}"}}' },
			),
		).rejects.toThrow(/attributes\.phone: not a writable field/);
		expect(fake.calls).toEqual([]);
	});

	it('lets the profile decide deletion and which MFA resets count', async () => {
		fake = await startDuo({
			users: [
				{ username: 'jane.doe', alias1: '00uJANE', phones: [{ phone_id: 'DP1' }] },
				{ username: 'bob', alias1: '00uBOB' },
			],
		});
		const profile = {
			username: '{{ idp.login }}',
			attributes: { alias1: '{{ idp.id }}' },
			onDelete: 'disable',
			reset: { factors: ['sms'] },
		};
		const [parameters, run] = byCredential(profile);
		const out = await applyEvents(
			fake,
			[
				userEvent('user.deleted', { id: '00uBOB', login: 'bob' }),
				mfaResetEvent(jane, { all: false, factors: [{ type: 'push', provider: 'OKTA' }] }),
				mfaResetEvent(jane, { all: false, factors: [{ type: 'sms' }] }),
			],
			{ onUserDeleted: 'delete', resetOn: 'anyReset' },
			parameters,
			run,
		);
		expect(out.map((item) => item.action)).toEqual(['disabled', 'skipped', 'reset']);
		expect(out[1].reason).toBe('no reset factor matches reset.factors ["sms"]');
		expect(duoUser(fake, 'bob')?.status).toBe('disabled');
		expect(duoUser(fake, 'jane.doe')?.phones).toEqual([]);
	});

	it('reports references that rendered empty and never writes them', async () => {
		fake = await startDuo({
			users: [{ username: 'jane.doe', alias1: '00uJANE', notes: 'keep me', realname: 'J' }],
		});
		const profile = {
			username: '{{ idp.login }}',
			attributes: {
				alias1: '{{ idp.id }}',
				notes: '{{ idp.title }}',
				realname: '{{ idp.givenName }} {{ idp.middleName }}',
				alias2: '{{ idp.employeeNumber }}',
			},
		};
		const [parameters, run] = byCredential(profile);
		const [result] = await applyEvents(
			fake,
			[userEvent('user.updated', { ...jane, attributes: { employeeNumber: 'E-42' } })],
			{},
			parameters,
			run,
		);
		expect(result).toMatchObject({
			action: 'updated',
			changes: { realname: { from: 'J', to: 'Jane' }, alias2: { from: '', to: 'E-42' } },
			mapping: {
				tenantProfile: 'profile',
				missing: ['attributes.notes ← idp.title', 'attributes.realname ← idp.middleName'],
			},
		});
		expect(duoUser(fake, 'jane.doe')).toMatchObject({
			notes: 'keep me\n[idp-mfa-sync] state as of 2026-11-01T10:00:00.000Z',
			realname: 'Jane',
			aliases: { alias1: 'idp:okta:example.okta.com/00uJANE', alias2: 'E-42' },
		});
		expect(JSON.stringify(fake.calls)).not.toContain('undefined');
	});

	it('maps the user of Create or Update from an event through the profile', async () => {
		fake = await startDuo();
		const parameters = {
			resource: 'user',
			operation: 'upsert',
			input: 'event',
			mapping: 'credential',
			options: FAST,
		};
		const [created, skipped] = await runDuo(
			fake,
			parameters,
			[
				{ json: userEvent('user.created', jane) as unknown as IDataObject },
				{
					json: userEvent('user.created', {
						id: '00uX',
						login: 'svc-x',
						email: 'x@corp.test',
					}) as unknown as IDataObject,
				},
			],
			{ profile: EMAIL_PROFILE },
		);
		expect(created.json).toMatchObject({
			action: 'created',
			mapping: { tenantProfile: 'profile' },
		});
		expect(skipped.json).toMatchObject({ action: 'skipped', eventType: 'user.created' });
		expect(fake.snapshot().users.map((user) => [user.username, user.aliases])).toEqual([
			['jane@corp.test', { alias1: 'idp:okta:example.okta.com/00uJANE' }],
		]);
	});

	it('maps the listed groups of Sync Groups, and sets exactly only the groups the profile maps to', async () => {
		fake = await startDuo({
			groups: [{ name: 'mfa-old' }, { name: 'mfa-vpn' }],
			users: [{ username: 'jane.doe', groups: [{ name: 'staff' }, { name: 'mfa-old' }] }],
		});
		const profile = { groups: { include: ['mfa-*'], exclude: ['mfa-legacy*'] } };
		const [item] = await runDuo(
			fake,
			{
				resource: 'user',
				operation: 'syncGroups',
				user: { mode: 'username', value: 'jane.doe' },
				groups: 'mfa-vpn, Everyone, mfa-legacy-x',
				mode: 'set',
				mapping: 'json',
				mappingProfile: JSON.stringify(profile),
				options: FAST,
			},
			[{ json: {} }],
		);
		expect(item.json).toMatchObject({
			action: 'updated',
			groups: {
				added: ['mfa-vpn'],
				removed: ['mfa-old'],
				excluded: [
					{ name: 'Everyone', reason: 'group "Everyone" is not in groups.include' },
					{ name: 'mfa-legacy-x', reason: 'group "mfa-legacy-x" is in groups.exclude' },
				],
			},
			mapping: { tenantProfile: 'profile', missing: [] },
		});
		expect(duoUser(fake, 'jane.doe')?.groupNames).toEqual(['mfa-vpn', 'staff']);
	});

	it('keeps today’s behaviour with Mapping set to None', async () => {
		fake = await startDuo();
		const [result] = await applyEvents(
			fake,
			[userEvent('user.created', jane)],
			{},
			{
				mapping: 'none',
				mappingProfile: '{ not json',
			},
		);
		expect(result).toEqual({
			action: 'created',
			eventType: 'user.created',
			eventId: expect.any(String),
			username: 'jane.doe',
			userId: expect.any(String),
			changes: {
				username: { from: null, to: 'jane.doe' },
				realname: { from: null, to: 'Jane Doe' },
				firstname: { from: null, to: 'Jane' },
				lastname: { from: null, to: 'Doe' },
				email: { from: null, to: 'jane@corp.test' },
				alias1: { from: null, to: 'idp:okta:example.okta.com/00uJANE' },
			},
		});
	});
});
