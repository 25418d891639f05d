import { isDuoFactor } from '../../../nodes/DuoSecurity/client/capabilities';
import { GroupCache } from '../../../nodes/DuoSecurity/client/groupCache';
import { devicesOf, joinNotes, mfaUserOf, splitNotes } from '../../../nodes/DuoSecurity/client/duoView';

describe('Duo objects as the sync core sees them', () => {
	it('recognizes Duo factors by provider, type or name', () => {
		expect(isDuoFactor({ type: 'web', provider: 'duo' })).toBe(true);
		expect(isDuoFactor({ type: 'DUO_SECURITY' })).toBe(true);
		expect(isDuoFactor({ type: 'web', name: 'Duo Security' })).toBe(true);
		expect(isDuoFactor({ type: 'sms', provider: 'OKTA', name: 'SMS' })).toBe(false);
	});

	it('keeps the watermark in the last line of the notes, apart from what people wrote', () => {
		expect(splitNotes('VIP, call first\n[idp-mfa-sync] state as of 2026-11-01T10:00:00.000Z')).toEqual({
			notes: 'VIP, call first',
			watermark: '2026-11-01T10:00:00.000Z',
		});
		expect(splitNotes('[idp-mfa-sync] state as of 2026-11-01T10:00:00.000Z')).toEqual({ notes: '', watermark: '2026-11-01T10:00:00.000Z' });
		expect(splitNotes('plain')).toEqual({ notes: 'plain' });
		expect(splitNotes(null)).toEqual({ notes: '' });
		expect(joinNotes('VIP', '2026-11-02T00:00:00.000Z')).toBe('VIP\n[idp-mfa-sync] state as of 2026-11-02T00:00:00.000Z');
		expect(joinNotes('', undefined)).toBe('');
		const user = mfaUserOf({
			user_id: 'DU1',
			username: 'jane',
			status: 'locked out',
			notes: 'VIP\n[idp-mfa-sync] state as of 2026-11-01T10:00:00.000Z',
			alias2: 'idp:okta:acme.okta.com/00uJ',
			aliases: { alias2: 'idp:okta:acme.okta.com/00uJ' },
		});
		expect(user).toMatchObject({
			status: 'locked',
			statusLabel: 'locked out',
			watermark: '2026-11-01T10:00:00.000Z',
			aliases: ['idp:okta:acme.okta.com/00uJ'],
			fields: { notes: 'VIP', alias2: 'idp:okta:acme.okta.com/00uJ', alias1: '' },
		});
	});

	it('lists every device kind and bypass code as a device to remove', () => {
		const devices = devicesOf(
			{
				user_id: 'DU1',
				username: 'j',
				status: 'active',
				phones: [{ phone_id: 'P', number: '+1' }],
				tokens: [{ token_id: 'T' }],
				webauthncredentials: [{ webauthnkey: 'W', credential_name: 'Key' }],
				u2ftokens: [{ registration_id: 'U' }],
			},
			[{ bypass_code_id: 'B' }],
		);
		expect(devices.map((d) => `${d.kind}:${d.id}`)).toEqual(['phone:P', 'token:T', 'webauthn:W', 'u2f:U', 'bypassCode:B']);
	});
});

describe('group cache', () => {
	it('indexes by id, name and marker, and re-indexes a renamed group without scanning every group', () => {
		const cache = new GroupCache();
		for (let i = 0; i < 2000; i++) cache.put({ group_id: `G${i}`, name: `team-${i}`, desc: `idp:okta:t/${i}` });
		const iterate = jest.spyOn(Map.prototype, Symbol.iterator as never);
		const entries = jest.spyOn(Map.prototype, 'entries');
		try {
			cache.put({ group_id: 'G7', name: 'Renamed', desc: 'idp:okta:t/7b' });
			cache.put({ group_id: 'G2000', name: 'New', desc: '' });
			cache.remove('G8');
			expect(iterate).not.toHaveBeenCalled();
			expect(entries).not.toHaveBeenCalled();
		} finally {
			iterate.mockRestore();
			entries.mockRestore();
		}
		expect(cache.byNameKey('team-7')).toBeUndefined();
		expect(cache.byNameKey('RENAMED')?.group_id).toBe('G7');
		expect(cache.byMarkerKey('idp:okta:t/7')).toBeUndefined();
		expect(cache.byMarkerKey('idp:okta:t/7b')?.group_id).toBe('G7');
		expect(cache.byNameKey('team-8')).toBeUndefined();
	});
});
