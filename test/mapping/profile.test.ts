import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import {
	compileProfile,
	compileProfileDocument,
	mapGroupName,
	ProfileError,
	renderProfile,
	resetApplies,
} from '../../nodes/shared/mapping';
import { sampleEvent } from './helpers';

const DUO_FIELDS = ['realname', 'firstname', 'lastname', 'email', 'notes', 'alias1', 'alias2', 'alias3', 'alias4'];

describe('mapping profiles', () => {
	it('renders username, attributes, groups and the verdict', () => {
		const profile = compileProfile({
			username: '{{ idp.email }}',
			attributes: { realname: '{{ idp.givenName }} {{ idp.familyName }}', alias1: '{{ idp.id }}', notes: 'title: {{ idp.title }}' },
			groups: { include: ['mfa-*'], exclude: ['mfa-legacy'], rename: { 'mfa-*': '*' } },
			rules: [{ notContains: ['{{ idp.login }}', 'svc-'] }],
		}, { allowedAttributes: DUO_FIELDS });
		expect(renderProfile(profile, sampleEvent())).toEqual({
			verdict: { allowed: true, reason: 'all rules hold' },
			username: 'jane@acme.test',
			attributes: { realname: "Zoë O'Brien-Åström", alias1: '00uJDOE0000000000001', notes: 'title: ' },
			missing: ['attributes.notes ← idp.title'],
			groups: [
				{ idpName: 'mfa-engineering', name: 'engineering' },
				{ idpName: 'Everyone', skipped: 'group "Everyone" is not in groups.include' },
				{ idpName: 'mfa-legacy', skipped: 'group "mfa-legacy" is in groups.exclude' },
			],
		});
	});

	it('maps group names: exact renames, prefix stripping, and pass-through without a filter', () => {
		const groups = { include: [], exclude: ['*-test'], rename: [['Engineering', 'Duo Engineering'], ['mfa-*', '*']] as Array<[string, string]> };
		expect(mapGroupName(groups, 'Engineering')).toEqual({ name: 'Duo Engineering' });
		expect(mapGroupName(groups, 'mfa-sales')).toEqual({ name: 'sales' });
		expect(mapGroupName(groups, 'Finance')).toEqual({ name: 'Finance' });
		expect(mapGroupName(groups, 'qa-test')).toEqual({ skipped: 'group "qa-test" is in groups.exclude' });
		expect(mapGroupName(groups, 'mfa-')).toEqual({ skipped: 'group "mfa-" renames to an empty name' });
	});

	it('decides which IdP MFA resets count', () => {
		const push = { type: 'push', provider: 'OKTA', name: 'Okta Verify' };
		const own = { type: 'web', provider: 'ACME', name: 'Acme MFA' };
		const owns = (factor: { provider?: string }) => factor.provider === 'ACME';
		expect(resetApplies('any', { all: false, factors: [push] }, owns)).toBe(true);
		expect(resetApplies('provider', { all: false, factors: [push] }, owns)).toBe(false);
		expect(resetApplies('provider', { all: false, factors: [push, own] }, owns)).toBe(true);
		expect(resetApplies('provider', { all: true, factors: [] }, owns)).toBe(true);
		expect(resetApplies(['sms', 'push'], { all: false, factors: [push] }, owns)).toBe(true);
		expect(resetApplies(['token:*'], { all: false, factors: [push] }, owns)).toBe(false);
	});

	it('selects the profile by the event tenant, then the default, else none', () => {
		const document = compileProfileDocument({
			tenants: { 'acme.okta.com': { username: '{{ idp.email }}' }, 'SUB.okta.com': { username: '{{ idp.login }}' } },
		});
		expect(document.forEvent(sampleEvent()).key).toBe('tenants.acme.okta.com');
		const sub = sampleEvent({ source: { idp: 'okta', tenant: 'sub.okta.com', eventType: 'x', eventIds: ['1'] } });
		expect(renderProfile(document.forEvent(sub).profile!, sub).username).toBe('jane.doe@acme.test');
		const other = sampleEvent({ source: { idp: 'okta', tenant: 'other.okta.com', eventType: 'x', eventIds: ['1'] } });
		expect(document.forEvent(other).profile).toBeUndefined();
		const withDefault = compileProfileDocument({ tenants: {}, default: { onDelete: 'disable' } });
		expect(withDefault.forEvent(other)).toMatchObject({ key: 'default', profile: { onDelete: 'disable' } });
	});

	it.each([
		[{ username: 42 }, 'username: Expected string, received number'],
		[{ usernam: '{{ idp.login }}' }, "(profile): Unrecognized key(s) in object: 'usernam'"],
		[{ onDelete: 'archive' }, "onDelete: Invalid enum value. Expected 'delete' | 'disable', received 'archive'"],
		[{ groups: { include: 'mfa-*' } }, 'groups.include: Expected array, received string'],
		[{ attributes: { phone: '{{ idp.mobilePhone }}' } }, 'attributes.phone: not a writable field; use one of realname, firstname'],
		[{ username: '{{ idp.login' }, 'username: "{{" is not closed by "}}"'],
		[{ rules: [{ equals: ['a', 'b'] }, { and: [{ contains: ['x'] }] }] }, 'rules[1].and[0].contains: expected exactly two operands'],
		[{ reset: { factors: [] } }, 'reset.factors: Array must contain at least 1 element(s)'],
	])('reports %j by path', (profile, message) => {
		expect(() => compileProfileDocument(profile, DUO_FIELDS)).toThrow(message);
	});

	it('reports every problem in a tenant set at once, prefixed with the tenant', () => {
		try {
			compileProfileDocument({ tenants: { a: { username: '{{ nope.x }}' }, b: { rules: [{ or: [] }] } }, extra: 1 });
			throw new Error('expected a ProfileError');
		} catch (error) {
			expect(error).toBeInstanceOf(ProfileError);
			expect((error as ProfileError).issues.map((i) => i.path)).toEqual(['extra', 'tenants.a.username', 'tenants.b.rules[0].or']);
		}
	});

	it('refuses text that is not JSON', () => {
		expect(() => compileProfileDocument('{ username: nope }')).toThrow(/^\(profile\): not valid JSON/);
	});

	it('validates every sample profile shipped in examples/profiles', () => {
		const dir = join(__dirname, '..', '..', 'examples', 'profiles');
		const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
		expect(files.length).toBeGreaterThan(0);
		for (const file of files) {
			expect(() => compileProfileDocument(readFileSync(join(dir, file), 'utf8'), DUO_FIELDS)).not.toThrow();
		}
	});
});
