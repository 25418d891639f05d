import type { INode } from 'n8n-workflow';

import { DUO_CAPABILITIES } from '../../../nodes/DuoSecurity/client/capabilities';
import { groupAllowlist } from '../../../nodes/shared/mfa/groupNames';
import { intentOf, type Intent, type MembershipIntent, type UserIntent } from '../../../nodes/shared/mfa/intents';
import { planGroup } from '../../../nodes/shared/mfa/planGroup';
import { planMembership } from '../../../nodes/shared/mfa/planMembership';
import { planUser } from '../../../nodes/shared/mfa/planUser';
import type { MfaUser } from '../../../nodes/shared/mfa/port';
import { settingsApplyOptions } from '../../../nodes/shared/mfa/profiles';
import type { IdentityEvent } from '../../../nodes/shared/model';
import { groupEvent, membershipEvent, mfaResetEvent, userEvent } from '../../duo/helpers';

const scope = { node: { name: 'Duo' } as INode, itemIndex: 0, strict: false, provider: 'Duo' };
const options = settingsApplyOptions(
	{
		mapping: { usernameSource: 'login', anchorField: 'alias1' },
		createMissingGroups: true,
		onUserDeleted: 'delete',
		resetOn: 'providerFactors',
		sendEnrollmentEmail: false,
		allowed: groupAllowlist([]),
	},
	DUO_CAPABILITIES,
);

const ANCHOR = 'idp:okta:example.okta.com/00uJ';
const duoUser = (status: 'active' | 'disabled', extra: Partial<MfaUser> = {}): MfaUser => ({
	id: 'DU1',
	username: 'jane',
	status,
	statusLabel: status,
	fields: { alias1: ANCHOR },
	aliases: [ANCHOR],
	groups: [],
	...extra,
});

/** An event as the trigger emits it with enrichment: the IdP's state read at `observedAt`. */
function enriched<E extends IdentityEvent>(event: E, observedAt = '2026-11-01T10:05:00.000Z'): E {
	return { ...event, enrichment: { status: 'enriched', observedAt } };
}

const membershipIntentOf = (event: IdentityEvent): MembershipIntent => {
	const intent: Intent = intentOf(event, options);
	if (intent.kind !== 'membership') throw new Error(`expected a membership intent, got ${intent.kind}`);
	return intent;
};

const userIntent = (event: IdentityEvent): UserIntent => {
	const intent: Intent = intentOf(event, options);
	if (intent.kind !== 'user') throw new Error(`expected a user intent, got ${intent.kind}`);
	return intent;
};

describe('desired state: the IdP state an event carries decides, not the event type', () => {
	it('a stale "suspended" for a user the IdP reports active changes nothing, and says why', () => {
		const event = enriched(userEvent('user.suspended', { id: '00uJ', login: 'jane', status: 'active' }));
		const plan = planUser(userIntent(event), { user: duoUser('active') }, scope);
		expect(plan.steps).toEqual([]);
		expect(plan.result).toMatchObject({
			action: 'unchanged',
			reason: 'stale: the event says suspended, but the identity provider reports the user active (as of 2026-11-01T10:05:00.000Z)',
		});
	});

	it('an update of a user the IdP reports active re-enables a disabled MFA user', () => {
		const event = enriched(userEvent('user.updated', { id: '00uJ', login: 'jane', status: 'active' }));
		const plan = planUser(userIntent(event), { user: duoUser('disabled') }, scope);
		expect(plan.result).toMatchObject({ action: 'enabled', changes: { status: { from: 'disabled', to: 'active' } } });
		expect(plan.steps).toEqual([
			{ op: 'updateUser', user: duoUser('disabled'), changes: { status: 'active', watermark: '2026-11-01T10:05:00.000Z' } },
		]);
	});

	it('an old reactivation never undoes a newer deprovisioning recorded on the MFA user', () => {
		const old = enriched(userEvent('user.reactivated', { id: '00uJ', login: 'jane', status: 'active' }), '2026-11-01T09:00:00.000Z');
		const plan = planUser(userIntent(old), { user: duoUser('disabled', { watermark: '2026-11-01T09:30:00.000Z' }) }, scope);
		expect(plan.steps).toEqual([]);
		expect(plan.result.reason).toBe(
			'stale: the state in this event (as of 2026-11-01T09:00:00.000Z) is older than the state last applied to this user (as of 2026-11-01T09:30:00.000Z)',
		);
		const unenriched = userEvent('user.reactivated', { id: '00uJ', login: 'jane' });
		const remembered = Date.parse('2026-11-01T10:30:00.000Z');
		expect(planUser(userIntent(unenriched), { user: duoUser('disabled'), remembered }, scope).steps).toEqual([]);
	});

	it('a deletion the IdP contradicts deletes nothing; a confirmed one follows the delete policy', () => {
		const stale = enriched(userEvent('user.deleted', { id: '00uJ', login: 'jane', status: 'active' }));
		expect(intentOf(stale, options)).toMatchObject({ kind: 'skip', action: 'unchanged', reason: expect.stringMatching(/^stale: the event says deleted/) });
		const gone = { ...userEvent('user.deleted', { id: '00uJ', login: 'jane' }), enrichment: { status: 'not_found' as const } };
		expect(planUser(userIntent(gone), { user: duoUser('active') }, scope).steps).toEqual([{ op: 'deleteUser', user: duoUser('active') }]);
	});

	it('a user the IdP no longer has is neither created nor changed by other events', () => {
		const event = { ...membershipEvent('group.member_added', { id: '00uJ', login: 'jane' }, { id: '00gV', name: 'VPN' }), enrichment: { status: 'not_found' as const } };
		expect(intentOf(event, options)).toMatchObject({ kind: 'skip', reason: expect.stringContaining('no longer has this user') });
	});

	it('a removal from a group, applied before the user was created, creates the user the IdP reports active, without that group', () => {
		const removal = enriched(
			membershipEvent(
				'group.member_removed',
				{ id: '00uJ', login: 'jane', status: 'active', groups: [{ id: '00gOTHER', name: 'Other' }] },
				{ id: '00gV', name: 'VPN' },
			),
		);
		const other = { id: 'DG2', name: 'Other', description: '' };
		const plan = planMembership(membershipIntentOf(removal), { joinable: [other] }, scope);
		expect(plan.steps.map((step) => step.op)).toEqual(['createUser', 'addMember']);
		expect(plan.steps[1]).toMatchObject({ op: 'addMember', user: 'new', group: other });
		const unenriched = membershipEvent('group.member_removed', { id: '00uJ', login: 'jane' }, { id: '00gV', name: 'VPN' });
		expect(planMembership(membershipIntentOf(unenriched), {}, scope).steps).toEqual([]);
	});

	it('a membership event the IdP contradicts follows the IdP membership', () => {
		const event = enriched(
			membershipEvent(
				'group.member_added',
				{ id: '00uJ', login: 'jane', status: 'active', groups: [{ id: '00gOTHER', name: 'Other' }] },
				{ id: '00gV', name: 'VPN' },
			),
		);
		const intent = intentOf(event, options) as MembershipIntent;
		expect(intent).toMatchObject({ kind: 'membership', member: false, note: expect.stringMatching(/^stale: the event says added to VPN/) });
		const vpn = { id: 'DG1', name: 'VPN', description: '' };
		const plan = planMembership(intent, { user: duoUser('active', { groups: [vpn] }) }, scope);
		expect(plan.steps).toEqual([{ op: 'removeMember', user: duoUser('active', { groups: [vpn] }), group: vpn }]);
	});

	it('by default only a reset of all factors or of a Duo factor resets Duo', () => {
		const sms = mfaResetEvent({ id: '00uJ', login: 'jane' }, { all: false, factors: [{ type: 'sms', provider: 'OKTA' }] });
		expect(intentOf(sms, options)).toMatchObject({ kind: 'skip', reason: 'no Duo factor was reset' });
		const all = mfaResetEvent({ id: '00uJ', login: 'jane' }, { all: true, factors: [] });
		expect(intentOf(all, options).kind).toBe('reset');
	});

	it('deletes only a group that carries the IdP tenant marker, never one of the same name', () => {
		const intent = intentOf(groupEvent('group.deleted', { id: '00gS', name: 'Admins' }), options);
		expect(intent).toMatchObject({ kind: 'group', op: 'delete', markers: ['idp:okta:example.okta.com/00gS', 'idp:okta:00gS'] });
		const plan = planGroup(intent as never, { group: undefined }, scope);
		expect(plan.steps).toEqual([]);
		expect(plan.result.reason).toMatch(/deleted only when this tenant created or claimed it/);
	});
});
