import { mapGroupName } from '../../../nodes/shared/mapping';
import {
	groupMarkers,
	markerDescription,
	markersIn,
	userAnchors,
} from '../../../nodes/shared/mfa/anchors';
import { groupAllowlist, parseNameList } from '../../../nodes/shared/mfa/groupNames';

describe('group names and patterns', () => {
	it('parses names from strings and arrays, trimmed and de-duplicated case-insensitively', () => {
		expect(parseNameList(' MFA-A, mfa-a ,\nVPN,, ')).toEqual(['MFA-A', 'VPN']);
		expect(parseNameList(['x', ' y '])).toEqual(['x', 'y']);
		expect(parseNameList(undefined)).toEqual([]);
	});

	it('matches names and * ? patterns with one case rule everywhere; empty allows all, unbounded', () => {
		const allowed = groupAllowlist(['MFA-*', 'VPN (eu)', 'T?am']);
		expect(['mfa-sales', 'VPN (EU)', 'team', 'TEAM'].map(allowed)).toEqual([true, true, true, true]);
		expect(['VPN', 'xMFA-1', 'VPN (eu)x', 'teeam'].map(allowed)).toEqual([false, false, false, false]);
		expect(allowed.bounded).toBe(true);
		const all = groupAllowlist([]);
		expect(all('anything')).toBe(true);
		expect(all.bounded).toBe(false);
		const profile = { include: ['MFA-*'], exclude: [], rename: [] as Array<[string, string]> };
		expect(mapGroupName(profile, 'mfa-vpn')).toEqual({ name: 'mfa-vpn' });
	});

	it('renames with what * matched, literally: "$&" and "$1" in a group name stay as they are', () => {
		const groups = { include: [], exclude: [], rename: [['mfa-*', 'Duo *']] as Array<[string, string]> };
		expect(mapGroupName(groups, 'mfa-$&')).toEqual({ name: 'Duo $&' });
		expect(mapGroupName(groups, "mfa-$1 $' $`")).toEqual({ name: "Duo $1 $' $`" });
	});
});

describe('anchors and markers', () => {
	it('names the IdP tenant, so two tenants with the same object id never merge', () => {
		const a = userAnchors({ idp: 'auth0', tenant: 'Acme.eu.auth0.com', id: 'auth0|42' });
		const b = userAnchors({ idp: 'auth0', tenant: 'sub.eu.auth0.com', id: 'auth0|42' });
		expect(a[0]).toBe('idp:auth0:acme.eu.auth0.com/auth0|42');
		expect(a[0]).not.toBe(b[0]);
		expect(a[1]).toBe('auth0|42');
		expect(groupMarkers({ idp: 'okta', tenant: '127.0.0.1:8443', id: '00gA' })).toEqual([
			'idp:okta:127.0.0.1:8443/00gA',
			'idp:okta:00gA',
		]);
	});

	it('reads markers from a description and records the current one only where nobody wrote', () => {
		expect(markersIn('Synced idp:okta:acme.okta.com/00gA and idp:auth0:rol_1')).toEqual([
			'idp:okta:acme.okta.com/00gA',
			'idp:auth0:rol_1',
		]);
		expect(markersIn(null)).toEqual([]);
		const markers = groupMarkers({ idp: 'okta', tenant: 'acme.okta.com', id: '00gA' });
		const group = (description: string) => ({ id: 'G', name: 'g', description });
		expect(markerDescription(group(''), markers)).toBe('idp:okta:acme.okta.com/00gA');
		expect(markerDescription(group('idp:okta:00gA'), markers)).toBe('idp:okta:acme.okta.com/00gA');
		expect(markerDescription(group('idp:okta:acme.okta.com/00gA'), markers)).toBeUndefined();
		expect(markerDescription(group('Break-glass admins'), markers)).toBeUndefined();
	});
});
