import type { INode } from 'n8n-workflow';

import { DUO_CAPABILITIES } from '../../../nodes/DuoSecurity/client/capabilities';
import { groupAllowlist } from '../../../nodes/shared/mfa/groupNames';
import { intentOf, lookupKeysOf, type UserIntent } from '../../../nodes/shared/mfa/intents';
import { noGroupsReason, withinCapabilities } from '../../../nodes/shared/mfa/limits';
import { planMembership } from '../../../nodes/shared/mfa/planMembership';
import { planUser } from '../../../nodes/shared/mfa/planUser';
import type { MfaCapabilities, MfaUser } from '../../../nodes/shared/mfa/port';
import { settingsApplyOptions } from '../../../nodes/shared/mfa/profiles';
import { groupEvent, membershipEvent, userEvent } from '../../duo/helpers';

/** A provider like RSA SecurID: no user creation, no renames, no profile fields, no groups. */
const LIMITED: MfaCapabilities = {
	...DUO_CAPABILITIES,
	provider: 'Limited',
	profileFields: [],
	anchorFields: [],
	groups: false,
	groupMarkers: false,
	identityFields: () => ({}),
	unsupported: { createUser: 'users come from the directory; not created', rename: 'no renames', groups: 'no groups here' },
};

const scope = { node: { name: 'MFA' } as INode, itemIndex: 0, strict: false, provider: 'Limited' };
const options = (capabilities: MfaCapabilities, usernameSource: 'email' | 'login' = 'email') =>
	settingsApplyOptions(
		{
			mapping: { usernameSource, anchorField: 'none' },
			createMissingGroups: true,
			onUserDeleted: 'delete',
			resetOn: 'providerFactors',
			sendEnrollmentEmail: false,
			allowed: groupAllowlist([]),
		},
		capabilities,
	);

const jane = { id: '00uJ', login: 'jane', email: 'jane@example.com', status: 'active' as const };
const user = (status: 'active' | 'disabled', username = 'jane@example.com'): MfaUser => ({
	id: 'U1',
	username,
	status,
	statusLabel: status,
	fields: {},
	aliases: [],
	groups: [],
});

describe('what a provider cannot do is never planned, and says why', () => {
	it('a provider without groups skips group and membership events before any lookup', () => {
		for (const event of [
			membershipEvent('group.member_added', jane, { id: '00gV', name: 'VPN' }),
			groupEvent('group.created', { id: '00gV', name: 'VPN' }),
		]) {
			const intent = withinCapabilities(intentOf(event, options(LIMITED)), LIMITED);
			expect(intent).toEqual({ kind: 'skip', action: 'skipped', reason: 'no groups here' });
			expect(lookupKeysOf(intent)).toEqual([]);
		}
		expect(noGroupsReason({ ...LIMITED, unsupported: {} })).toBe('Limited has no groups');
	});

	it('a provider with groups keeps group intents as they are', () => {
		const event = membershipEvent('group.member_added', jane, { id: '00gV', name: 'VPN' });
		const intent = intentOf(event, options(DUO_CAPABILITIES));
		expect(withinCapabilities(intent, DUO_CAPABILITIES)).toBe(intent);
	});

	it('drops the groups the IdP reports for a user when the provider has none', () => {
		const reported = { ...userEvent('user.updated', { ...jane, groups: [{ id: '00gV', name: 'VPN' }] }) };
		const enriched = { ...reported, enrichment: { status: 'enriched' as const, observedAt: '2026-11-01T10:00:05.000Z' } };
		const intent = intentOf(enriched, options(LIMITED)) as UserIntent;
		expect(intent.groups).toHaveLength(1);
		expect((withinCapabilities(intent, LIMITED) as UserIntent).groups).toBeUndefined();
	});

	it('a missing user is not created where the provider cannot create users; the result gives its reason', () => {
		const intent = intentOf(userEvent('user.created', jane), options(LIMITED)) as UserIntent;
		const plan = planUser(intent, {}, scope, LIMITED);
		expect(plan).toEqual({ steps: [], result: { action: 'skipped', reason: 'users come from the directory; not created' } });
		const adding = intentOf(membershipEvent('group.member_added', jane, { id: '00gV', name: 'VPN' }), options(LIMITED));
		expect(planMembership(adding as never, {}, scope, LIMITED).steps).toEqual([]);
	});

	it('a user without a field the provider needs on creation is not created, naming the field', () => {
		const login = options(DUO_CAPABILITIES, 'login');
		const withoutEmail = intentOf(userEvent('user.created', { id: '00uJ', login: 'jane' }), login);
		const plan = planUser(withoutEmail as UserIntent, {}, scope, { requiredOnCreate: ['email'] });
		expect(plan.steps).toEqual([]);
		expect(plan.result).toEqual({
			action: 'skipped',
			reason: 'not created: Limited needs email to create a user, and the identity provider gave none',
		});
		const withEmail = intentOf(userEvent('user.created', jane), login);
		expect(planUser(withEmail as UserIntent, {}, scope, { requiredOnCreate: ['email'] }).steps).toHaveLength(1);
	});

	it('a username the provider cannot change is left as it is, and the status still follows', () => {
		const intent = intentOf(userEvent('user.updated', jane), options(LIMITED)) as UserIntent;
		const differing = user('disabled', 'JANE@example.com');
		const plan = planUser(intent, { user: differing }, scope, LIMITED);
		expect(plan.steps).toEqual([{ op: 'updateUser', user: differing, changes: { status: 'active', watermark: expect.any(String) } }]);
		expect(plan.result).toMatchObject({ action: 'enabled', username: 'JANE@example.com' });
		expect(Object.keys(plan.result.changes ?? {})).toEqual(['status']);
		const renaming = planUser(intent, { user: differing }, scope);
		expect(renaming.result.changes).toHaveProperty('username');
	});
});
