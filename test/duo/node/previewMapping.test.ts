import type { IDataObject } from 'n8n-workflow';

import type { FakeDuo } from '../../../sandbox/duo/server';
import {
	exampleProfile,
	groupEvent,
	membershipEvent,
	runDuo,
	startDuo,
	userEvent,
	withTenant,
} from '../helpers';

const EMAIL_PROFILE = exampleProfile('email-username-mfa-groups.json');
const TWO_TENANTS = exampleProfile('two-tenants.json');

const asItem = (event: unknown) => ({ json: event as IDataObject });

const jane = {
	id: '00uJANE',
	login: 'jane.doe',
	email: 'jane@corp.test',
	givenName: 'Jane',
	familyName: 'Doe',
	groups: [
		{ id: '00g1', name: 'mfa-vpn' },
		{ id: '00g2', name: 'Everyone' },
	],
};

describe('Preview Mapping', () => {
	let fake: FakeDuo;
	beforeEach(async () => {
		fake = await startDuo();
	});
	afterEach(async () => fake.close());

	it('renders username, Duo fields, groups and the verdict from the profile credential, without Duo', async () => {
		const output = await runDuo(
			fake,
			{ resource: 'identityEvent', operation: 'previewMapping', mapping: 'credential' },
			[
				asItem(membershipEvent('group.member_added', jane, { id: '00g3', name: 'mfa-legacy-otp' })),
				asItem(userEvent('user.created', { id: '00uS', login: 'svc-backup' })),
			],
			{ profile: EMAIL_PROFILE, withoutDuoCredential: true },
		);
		expect(output[0].json).toEqual({
			tenantProfile: 'profile',
			username: 'jane@corp.test',
			anchor: { field: 'alias1', value: 'idp:okta:example.okta.com/00uJANE' },
			attributes: {
				realname: 'Jane Doe',
				firstname: 'Jane',
				lastname: 'Doe',
				email: 'jane@corp.test',
				alias1: '00uJANE',
			},
			groups: [
				{ idpName: 'mfa-vpn', name: 'vpn' },
				{ idpName: 'Everyone', skipped: 'group "Everyone" is not in groups.include' },
				{ idpName: 'mfa-legacy-otp', skipped: 'group "mfa-legacy-otp" is in groups.exclude' },
			],
			verdict: { allowed: true, reason: 'all rules hold' },
			missing: [],
			eventId: expect.any(String),
			eventType: 'group.member_added',
		});
		expect(output[1].json).toMatchObject({
			username: 'svc-backup',
			verdict: {
				allowed: false,
				reason: 'rules[0]: notContains("svc-backup", "svc-") is false',
			},
			missing: [
				'attributes.realname ← idp.givenName',
				'attributes.realname ← idp.familyName',
				'attributes.firstname ← idp.givenName',
				'attributes.lastname ← idp.familyName',
				'attributes.email ← idp.email',
			],
		});
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(fake.calls).toEqual([]);
	});

	it('picks the tenant profile of each event from a document in the node', async () => {
		const events = [
			withTenant('acme.okta.com', () => userEvent('user.updated', jane)),
			withTenant('subsidiary.okta.com', () => userEvent('user.updated', jane)),
			withTenant('other.okta.com', () => userEvent('user.updated', jane)),
			withTenant('acme.okta.com', () => groupEvent('group.created', { id: '00g9', name: 'Ops' })),
		];
		const output = await runDuo(
			fake,
			{
				resource: 'identityEvent',
				operation: 'previewMapping',
				mapping: 'json',
				mappingProfile: TWO_TENANTS,
			},
			events.map(asItem),
			{ withoutDuoCredential: true },
		);
		expect(output.map((item) => [item.json.tenantProfile, item.json.username])).toEqual([
			['tenants.acme.okta.com', 'jane.doe'],
			['tenants.subsidiary.okta.com', 'jane@corp.test'],
			[null, null],
			['tenants.acme.okta.com', null],
		]);
		expect(output[1].json.attributes).toEqual({
			alias1: '00uJANE',
			notes: 'synced from subsidiary.okta.com',
		});
		expect(output[1].json.groups).toEqual([
			{ idpName: 'mfa-vpn', name: 'vpn' },
			{ idpName: 'Everyone', skipped: 'group "Everyone" is not in groups.include' },
		]);
		expect(output[2].json.verdict).toEqual({
			allowed: false,
			reason: 'no mapping profile for tenant "other.okta.com" and no default profile',
		});
		expect(output[3].json.groups).toEqual([{ idpName: 'Ops', name: 'Ops' }]);
		expect(fake.calls).toEqual([]);
	});

	it('stops on a profile that is not valid', async () => {
		await expect(
			runDuo(
				fake,
				{
					resource: 'identityEvent',
					operation: 'previewMapping',
					mapping: 'json',
					mappingProfile: '{"rules": [{"in": ["a", "b"]}]}',
				},
				[asItem(userEvent('user.updated', jane))],
				{ withoutDuoCredential: true },
			),
		).rejects.toThrow(
			'The mapping profile is not valid: rules[0].in: unknown operator; use and, or, equals, notEquals, contains, notContains',
		);
	});
});
