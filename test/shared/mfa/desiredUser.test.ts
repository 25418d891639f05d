import type { MappingResult } from '../../../nodes/shared/mapping';
import {
	createFields,
	desiredFromIdentity,
	desiredFromRendered,
	profileDiff,
	statusFor,
	usernameOf,
} from '../../../nodes/shared/mfa/desiredUser';
import type { MfaUser } from '../../../nodes/shared/mfa/port';
import type { IdentityUser } from '../../../nodes/shared/model';
import { DUO_CAPABILITIES } from '../../../nodes/DuoSecurity/client/capabilities';

const idpUser: IdentityUser = {
	id: '00uJ',
	login: 'jane@corp.test',
	email: 'jane.doe@corp.test',
	givenName: 'Jane',
	familyName: 'Doe',
	attributes: { upnList: ['jdoe', 'other'], empty: '' },
};
const anchors = ['idp:okta:acme.okta.com/00uJ', '00uJ'];
const byLogin = { usernameSource: 'login' as const, anchorField: 'alias1' };

const mfaUser = (fields: Record<string, string>, aliases: string[] = []): MfaUser => ({
	id: 'DU1',
	username: 'jane',
	status: 'active',
	statusLabel: 'active',
	fields: { realname: '', email: '', alias1: '', alias2: '', alias3: '', ...fields },
	aliases,
	groups: [],
});

const rendered = (attributes: Record<string, string>, missing: string[] = [], username?: string): MappingResult => ({
	verdict: { allowed: true, reason: 'no rules' },
	username,
	attributes,
	missing,
	groups: [],
});

describe('the MFA user an IdP user maps to', () => {
	it('takes the username from login, email or a mapped attribute', () => {
		expect(usernameOf(idpUser, byLogin)).toBe('jane@corp.test');
		expect(usernameOf(idpUser, { ...byLogin, usernameSource: 'email' })).toBe('jane.doe@corp.test');
		expect(usernameOf(idpUser, { ...byLogin, usernameSource: 'attribute', usernameAttribute: 'upnList' })).toBe('jdoe');
		expect(usernameOf(idpUser, { ...byLogin, usernameSource: 'attribute', usernameAttribute: 'empty' })).toBeUndefined();
		expect(usernameOf(idpUser, { ...byLogin, usernameSource: 'attribute', usernameAttribute: 'constructor' })).toBeUndefined();
	});

	it("maps only the fields an event carries, with the provider's default fields and the tenant anchor", () => {
		expect(desiredFromIdentity({ id: '00uX', login: 'x', attributes: {} }, { ...byLogin, anchorField: 'none' }, DUO_CAPABILITIES.identityFields, anchors)).toEqual({
			username: 'x',
			fields: {},
			anchor: undefined,
		});
		expect(desiredFromIdentity(idpUser, { ...byLogin, anchorField: 'alias2' }, DUO_CAPABILITIES.identityFields, anchors)).toEqual({
			username: 'jane@corp.test',
			fields: { realname: 'Jane Doe', firstname: 'Jane', lastname: 'Doe', email: 'jane.doe@corp.test' },
			anchor: { field: 'alias2', values: anchors },
		});
	});

	it('from a profile: trims, keeps the provider value where a reference was missing, clears only on purpose', () => {
		const desired = desiredFromRendered(
			idpUser,
			rendered({ realname: ' Jane  ', notes: '', email: '  ', lastname: '' }, ['attributes.email ← idp.mail', 'attributes.lastname ← idp.sn']),
			byLogin,
			DUO_CAPABILITIES.anchorFields,
			anchors,
		);
		expect(desired).toEqual({ username: 'jane@corp.test', fields: { realname: 'Jane', notes: '' } });
	});

	it('from a profile: the first anchor field with a value is the anchor, in tenant form when it is the IdP id', () => {
		const desired = desiredFromRendered(
			idpUser,
			rendered({ alias2: '00uJ', alias3: 'E-7', alias1: '', alias4: '' }, ['attributes.alias4 ← idp.x']),
			byLogin,
			DUO_CAPABILITIES.anchorFields,
			anchors,
		);
		expect(desired.anchor).toEqual({ field: 'alias2', values: anchors });
		expect(desired.fields).toEqual({ alias1: '', alias3: 'E-7' });
		const other = desiredFromRendered(idpUser, rendered({ alias1: 'E-7' }), byLogin, DUO_CAPABILITIES.anchorFields, anchors);
		expect(other.anchor).toEqual({ field: 'alias1', values: ['E-7'] });
		expect(desiredFromRendered(idpUser, rendered({}, [], ' jane@x.test '), byLogin, [], anchors).username).toBe('jane@x.test');
		expect(desiredFromRendered(idpUser, rendered({}, ['username ← idp.x'], ''), byLogin, [], anchors).username).toBeUndefined();
	});
});

describe('profile diff', () => {
	it('compares empty as empty, and treats an anchor already held by any alias as stored', () => {
		const user = mfaUser({ realname: 'Jane', alias3: 'IDP:okta:acme.okta.com/00uJ' }, ['IDP:okta:acme.okta.com/00uJ']);
		expect(profileDiff(user, { username: 'jane', fields: { email: '', realname: 'Jane' }, anchor: { field: 'alias1', values: anchors } })).toEqual({ changes: {}, diff: {} });
		expect(profileDiff(user, { fields: { realname: 'Jane D' } })).toEqual({
			changes: { fields: { realname: 'Jane D' } },
			diff: { realname: { from: 'Jane', to: 'Jane D' } },
		});
	});

	it('replaces an earlier anchor (the bare IdP id) with the tenant form in the same write', () => {
		const user = mfaUser({ alias1: '00uJ' }, ['00uJ']);
		expect(profileDiff(user, { fields: {}, anchor: { field: 'alias1', values: anchors } }).diff).toEqual({
			alias1: { from: '00uJ', to: 'idp:okta:acme.okta.com/00uJ' },
		});
	});

	it('creates with the non-empty fields and the anchor', () => {
		expect(createFields({ username: 'a', fields: { email: '', realname: 'A' }, anchor: { field: 'alias4', values: ['id'] } })).toEqual({ realname: 'A', alias4: 'id' });
	});

	it('turns IdP statuses into what the MFA user converges to', () => {
		expect(['active', 'pending', 'locked', 'suspended', 'deprovisioned', 'deleted', 'unknown', undefined].map((s) => statusFor(s as never))).toEqual([
			'active', 'active', 'active', 'disabled', 'disabled', 'disabled', undefined, undefined,
		]);
	});
});
