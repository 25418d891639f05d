import { groupAllowlist, parseNameList } from '../../../nodes/DuoSecurity/sync/allowlist';
import { isDuoFactor, resetCountsForDuo } from '../../../nodes/DuoSecurity/sync/factors';
import {
	createParams,
	profileDiff,
	profileFromIdentity,
	usernameOf,
} from '../../../nodes/DuoSecurity/sync/userProfile';
import type { DuoUser } from '../../../nodes/DuoSecurity/client/duoObjects';
import { groupMarkers } from '../../../nodes/DuoSecurity/client/groupCache';

describe('group allowlist', () => {
	it('parses names from strings and arrays, trimmed and de-duplicated case-insensitively', () => {
		expect(parseNameList(' MFA-A, mfa-a ,\nVPN,, ')).toEqual(['MFA-A', 'VPN']);
		expect(parseNameList(['x', ' y '])).toEqual(['x', 'y']);
		expect(parseNameList(undefined)).toEqual([]);
	});

	it('matches names and * patterns without regard to case; empty allows all', () => {
		const allowed = groupAllowlist(['MFA-*', 'VPN (eu)']);
		expect(['mfa-sales', 'VPN (EU)'].map(allowed)).toEqual([true, true]);
		expect(['VPN', 'xMFA-1', 'VPN (eu)x'].map(allowed)).toEqual([false, false, false]);
		expect(groupAllowlist([])('anything')).toBe(true);
	});
});

describe('MFA reset filter', () => {
	it('counts any reset by default; Duo-only needs a Duo factor or a reset of all factors', () => {
		const okta = { all: false, factors: [{ type: 'push', provider: 'OKTA' }] };
		expect(resetCountsForDuo(okta, 'anyReset')).toBe(true);
		expect(resetCountsForDuo(okta, 'duoFactorReset')).toBe(false);
		expect(resetCountsForDuo({ all: true, factors: [] }, 'duoFactorReset')).toBe(true);
		expect(isDuoFactor({ type: 'web', provider: 'duo' })).toBe(true);
		expect(isDuoFactor({ type: 'DUO_SECURITY' })).toBe(true);
		expect(isDuoFactor({ type: 'web', name: 'Duo Security' })).toBe(true);
		expect(isDuoFactor({ type: 'sms', provider: 'OKTA', name: 'SMS' })).toBe(false);
	});
});

describe('user profile mapping and diff', () => {
	const idpUser = {
		id: '00uJ',
		login: 'jane@corp.test',
		email: 'jane.doe@corp.test',
		givenName: 'Jane',
		familyName: 'Doe',
		attributes: { upnList: ['jdoe', 'other'], empty: '' },
	};

	it('takes the username from login, email or a mapped attribute', () => {
		expect(usernameOf(idpUser, { usernameSource: 'login', aliasSlot: 'alias1' })).toBe(
			'jane@corp.test',
		);
		expect(usernameOf(idpUser, { usernameSource: 'email', aliasSlot: 'alias1' })).toBe(
			'jane.doe@corp.test',
		);
		expect(
			usernameOf(idpUser, {
				usernameSource: 'attribute',
				usernameAttribute: 'upnList',
				aliasSlot: 'alias1',
			}),
		).toBe('jdoe');
		expect(
			usernameOf(idpUser, {
				usernameSource: 'attribute',
				usernameAttribute: 'empty',
				aliasSlot: 'alias1',
			}),
		).toBeUndefined();
	});

	it('maps only the fields an event carries', () => {
		expect(
			profileFromIdentity(
				{ id: '00uX', login: 'x', attributes: {} },
				{ usernameSource: 'login', aliasSlot: 'none' },
			),
		).toEqual({
			username: 'x',
			realname: undefined,
			firstname: undefined,
			lastname: undefined,
			email: undefined,
			alias: undefined,
		});
		expect(
			profileFromIdentity(idpUser, { usernameSource: 'login', aliasSlot: 'alias2' }),
		).toMatchObject({
			realname: 'Jane Doe',
			alias: { slot: 'alias2', value: '00uJ' },
		});
	});

	it('compares null and empty as equal, and treats an id already in any alias as stored', () => {
		const user: DuoUser = {
			user_id: 'DU1',
			username: 'jane',
			status: 'active',
			email: null,
			realname: 'Jane',
			alias3: '00uJ',
		};
		expect(
			profileDiff(user, {
				username: 'jane',
				email: '',
				realname: 'Jane',
				alias: { slot: 'alias1', value: '00UJ' },
			}).changes,
		).toEqual({});
		expect(profileDiff(user, { realname: 'Jane D' })).toEqual({
			changes: { realname: 'Jane D' },
			before: { realname: 'Jane' },
			diff: { realname: { from: 'Jane', to: 'Jane D' } },
		});
		expect(
			createParams({
				username: 'a',
				email: '',
				realname: 'A',
				alias: { slot: 'alias4', value: 'id' },
			}),
		).toEqual({
			username: 'a',
			realname: 'A',
			alias4: 'id',
		});
	});

	it('reads IdP markers from a group description', () => {
		expect(groupMarkers('Synced idp:okta:00gA and idp:auth0:rol_1')).toEqual([
			'idp:okta:00gA',
			'idp:auth0:rol_1',
		]);
		expect(groupMarkers(null)).toEqual([]);
	});
});
