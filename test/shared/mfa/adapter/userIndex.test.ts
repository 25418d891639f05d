import { UserIndex } from '../../../../nodes/shared/mfa/adapter/userIndex';
import type { MfaUser } from '../../../../nodes/shared/mfa/port';

const user = (id: string, username: string, aliases: string[] = []): MfaUser => ({
	id,
	username,
	status: 'active',
	statusLabel: 'ACTIVE',
	fields: {},
	aliases,
	groups: [],
});

describe('UserIndex', () => {
	it('finds users by id, username or alias without regard to case, and knows what it was never asked', () => {
		const index = new UserIndex();
		index.put(user('u1', 'Ann@Example.com', ['idp:okta:acme/00u1']));
		expect(index.byId('u1')).toMatchObject({ username: 'Ann@Example.com' });
		expect(index.byKey('ann@example.COM')).toMatchObject({ id: 'u1' });
		expect(index.byAlias('IDP:OKTA:ACME/00u1')).toMatchObject({ id: 'u1' });
		expect(index.byAlias('ann@example.com')).toBeNull();
		expect(index.byKey('bo@example.com')).toBeUndefined();
		index.markAsked('key', ['bo@example.com']);
		expect(index.byKey('BO@example.com')).toBeNull();
	});

	it('a rename drops the old username; a removal and a complete listing answer "missing"', () => {
		const index = new UserIndex();
		index.put(user('u1', 'ann@example.com'));
		index.put(user('u1', 'ann.lee@example.com'));
		expect(index.byKey('ann@example.com')).toBeNull();
		expect(index.byKey('ann.lee@example.com')).toMatchObject({ id: 'u1' });
		index.remove('u1');
		expect(index.byId('u1')).toBeNull();
		expect(index.byKey('carl@example.com')).toBeUndefined();
		index.complete = true;
		expect(index.byKey('carl@example.com')).toBeNull();
	});

	it('forgets what a refresh must read again', () => {
		const index = new UserIndex();
		index.put(user('u1', 'ann@example.com', ['a-1']));
		index.forget(['ann@example.com'], []);
		expect(index.byId('u1')).toBeUndefined();
		expect(index.byAlias('a-1')).toBeUndefined();
		expect(index.all()).toEqual([]);
	});
});
