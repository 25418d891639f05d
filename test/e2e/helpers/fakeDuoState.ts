import { splitNotes } from '../../../nodes/DuoSecurity/client/duoView';
import type { FakeDuo, FakeDuoSnapshot, FakeDuoSnapshotUser } from '../../../sandbox/duo/server';

/**
 * The fake Duo account without what differs between equivalent syncs: a group created by "Apply
 * Identity Event" carries the IdP group id in its description, one created by "Sync Groups" does not,
 * and Apply records the sync watermark in the notes.
 */
export function duoView(duo: FakeDuo): Omit<FakeDuoSnapshot, 'groups'> & {
	groups: Array<{ group_id: string; name: string; status: string }>;
} {
	const snapshot = duo.snapshot();
	return {
		...snapshot,
		users: snapshot.users.map((user) => ({ ...user, notes: splitNotes(user.notes).notes })),
		groups: snapshot.groups.map(({ group_id, name, status }) => ({ group_id, name, status })),
	};
}

export function duoUser(duo: FakeDuo, username: string): FakeDuoSnapshotUser | undefined {
	return duo.snapshot().users.find((user) => user.username === username);
}

export function existingDuoUser(duo: FakeDuo, username: string): FakeDuoSnapshotUser {
	const user = duoUser(duo, username);
	if (!user) throw new Error(`Duo has no user ${username}`);
	return user;
}

/**
 * What a user enrolling in Duo leaves behind: a phone, a hardware token, a WebAuthn credential and
 * a bypass code. Fixed ids keep two runs comparable.
 */
export function enrollDevices(duo: FakeDuo, username: string): void {
	duo.enrollDevices(username, {
		phones: [
			{
				phone_id: 'DPE2EENROLLPHONE0001',
				number: '+15555550142',
				name: 'Work phone',
				platform: 'Apple iOS',
				model: 'iPhone',
				activated: true,
			},
		],
		tokens: [{ token_id: 'DHE2EENROLLTOKEN0001', serial: '0042', type: 'h6' }],
		webauthn: [
			{ webauthnkey: 'WAE2EENROLLKEY000001', credential_name: 'YubiKey 5', label: 'Security Key' },
		],
		bypassCodes: [{ bypass_code_id: 'DBE2EENROLLBYPASS001', admin_email: 'it.admin@acme.test' }],
	});
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The alias a synced user carries: the IdP user id with its IdP and tenant. */
export function anchorOf(idp: string, id: string): string {
	return expect.stringMatching(new RegExp(`^idp:${idp}:[^/\\s]+/${escaped(id)}$`)) as unknown as string;
}
