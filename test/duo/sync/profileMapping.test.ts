import type { DuoUser } from '../../../nodes/DuoSecurity/client/duoObjects';
import {
	compileDuoProfileDocument,
	desiredFromRendered,
	managedByProfile,
	profileForEvent,
	profileForTenant,
} from '../../../nodes/DuoSecurity/sync/profileMapping';
import { profileDiff } from '../../../nodes/DuoSecurity/sync/userProfile';
import { compileProfile, type MappingResult } from '../../../nodes/shared/mapping';
import type { IdentityUser } from '../../../nodes/shared/model';
import { sampleEvent } from '../../mapping/helpers';

const user: IdentityUser = {
	id: '00u1',
	login: 'jane.doe',
	email: 'jane@corp.test',
	attributes: {},
};
const byLogin = { usernameSource: 'login' as const, aliasSlot: 'alias1' as const };

const rendered = (
	attributes: Record<string, string>,
	missing: string[] = [],
	username?: string,
): MappingResult => ({
	verdict: { allowed: true, reason: 'no rules' },
	username,
	attributes,
	missing,
	groups: [],
});

describe('Duo fields from a rendered profile', () => {
	it('trims values, keeps Duo’s value where a reference was missing, and clears only on purpose', () => {
		const desired = desiredFromRendered(
			user,
			rendered({ realname: ' Jane  ', notes: '', email: '  ', lastname: '' }, [
				'attributes.email ← idp.mail',
				'attributes.lastname ← idp.sn',
			]),
			byLogin,
		);
		expect(desired).toEqual({ username: 'jane.doe', realname: 'Jane', notes: '' });
	});

	it('takes the username from the profile, else from "Username From"; an empty one is none', () => {
		expect(desiredFromRendered(user, rendered({}, [], ' jane@corp.test '), byLogin).username).toBe(
			'jane@corp.test',
		);
		expect(
			desiredFromRendered(user, rendered({}), { ...byLogin, usernameSource: 'email' }).username,
		).toBe('jane@corp.test');
		expect(
			desiredFromRendered(user, rendered({}, ['username ← idp.x'], ''), byLogin).username,
		).toBeUndefined();
	});

	it('looks users up by the first alias with a value and sets the other alias slots as given', () => {
		const desired = desiredFromRendered(
			user,
			rendered({ alias2: '00u1', alias3: 'E-7', alias1: '', alias4: '' }, [
				'attributes.alias4 ← idp.x',
			]),
			byLogin,
		);
		expect(desired.alias).toEqual({ slot: 'alias2', value: '00u1' });
		expect(desired.extraAliases).toEqual({ alias1: '', alias3: 'E-7' });
		const duo = {
			user_id: 'DU1',
			username: 'jane.doe',
			status: 'active',
			alias1: 'old',
			alias3: 'E-7',
		} as DuoUser;
		expect(profileDiff(duo, desired).changes).toEqual({ alias2: '00u1', alias1: '' });
	});
});

describe('groups a profile manages', () => {
	it('knows which Duo groups an IdP group can map to, for "Set Exactly"', () => {
		const strip = compileProfile({
			groups: { include: ['mfa-*'], rename: { 'mfa-*': '*' } },
		}).groups;
		expect(managedByProfile(strip, 'vpn')).toBe(true);
		const keep = compileProfile({
			groups: { include: ['mfa-*'], exclude: ['mfa-legacy*'] },
		}).groups;
		expect(
			['mfa-vpn', 'staff', 'mfa-legacy-1'].map((name) => managedByProfile(keep, name)),
		).toEqual([true, false, false]);
		const fixed = compileProfile({
			groups: { include: ['Eng', 'Sales*'], rename: { Eng: 'Engineering', 'Sales*': 'Sales' } },
		}).groups;
		expect(
			['Engineering', 'Sales', 'Eng', 'Other'].map((name) => managedByProfile(fixed, name)),
		).toEqual([true, true, false, false]);
		const suffix = compileProfile({ groups: { rename: { 'okta-*': 'duo-*-users' } } }).groups;
		expect(managedByProfile(suffix, 'duo-eng-users')).toBe(true);
	});
});

describe('profile selection', () => {
	it('selects by the tenant of an event, or of an item that is not an event', () => {
		const document = compileDuoProfileDocument({
			tenants: { 'acme.okta.com': { username: '{{ idp.email }}' } },
			default: { username: '{{ idp.login }}' },
		});
		expect(profileForEvent(document, sampleEvent())).toMatchObject({
			tenantProfile: 'tenants.acme.okta.com',
			rendered: { username: 'jane@acme.test' },
		});
		expect(profileForTenant(document, 'ACME.okta.com').tenantProfile).toBe('tenants.acme.okta.com');
		expect(profileForTenant(document, '').tenantProfile).toBe('default');
	});
});
