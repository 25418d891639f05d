import type { FakeDuo, FakeDuoSnapshot, FakeDuoSnapshotUser } from '../../../sandbox/duo/server';

/**
 * The fake Duo account without what differs between equivalent syncs: a group created by "Apply
 * Identity Event" carries the IdP group id in its description, one created by "Sync Groups" does not.
 */
export function duoView(duo: FakeDuo): Omit<FakeDuoSnapshot, 'groups'> & {
	groups: Array<{ group_id: string; name: string; status: string }>;
} {
	const snapshot = duo.snapshot();
	return {
		...snapshot,
		groups: snapshot.groups.map(({ group_id, name, status }) => ({ group_id, name, status })),
	};
}

export function duoUser(duo: FakeDuo, username: string): FakeDuoSnapshotUser | undefined {
	return duo.snapshot().users.find((user) => user.username === username);
}

/**
 * What a user enrolling in Duo leaves behind: a phone, a hardware token, a WebAuthn credential and
 * a bypass code. The Admin API subset the fake serves cannot create devices, so this writes the
 * fake's store directly, in the shapes its seed uses. Fixed ids keep two runs comparable.
 */
export function enrollDevices(duo: FakeDuo, username: string): void {
	const user = [...duo.state.users.values()].find((candidate) => candidate.username === username);
	if (!user) throw new Error(`No Duo user ${username} to enroll`);
	const owner = user.user_id;
	const now = Math.floor(Date.now() / 1000);
	const phoneId = 'DPE2EENROLLPHONE0001';
	duo.state.phones.set(phoneId, {
		phone_id: phoneId,
		number: '+15555550142',
		extension: '',
		name: 'Work phone',
		type: 'Mobile',
		platform: 'Apple iOS',
		model: 'iPhone',
		activated: true,
		capabilities: ['auto', 'push', 'sms', 'phone', 'mobile_otp'],
		sms_passcodes_sent: false,
		last_seen: '',
		userIds: new Set([owner]),
	});
	user.phoneIds.push(phoneId);
	const tokenId = 'DHE2EENROLLTOKEN0001';
	duo.state.tokens.set(tokenId, {
		token_id: tokenId,
		serial: '0042',
		type: 'h6',
		totp_step: null,
		userIds: new Set([owner]),
	});
	user.tokenIds.push(tokenId);
	const webauthnKey = 'WAE2EENROLLKEY000001';
	duo.state.webauthn.set(webauthnKey, {
		webauthnkey: webauthnKey,
		credential_name: 'YubiKey 5',
		label: 'Security Key',
		date_added: now,
		user_id: owner,
	});
	const bypassId = 'DBE2EENROLLBYPASS001';
	duo.state.bypassCodes.set(bypassId, {
		bypass_code_id: bypassId,
		admin_email: 'it.admin@acme.test',
		created: now,
		expiration: null,
		reuse_count: 1,
		user_id: owner,
	});
}
