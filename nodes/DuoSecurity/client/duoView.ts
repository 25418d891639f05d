import type { MfaDevice, MfaGroup, MfaUser, MfaUserStatus } from '../../shared/mfa/port';
import { ALIAS_SLOTS, aliasValues, type DuoBypassCode, type DuoGroup, type DuoUser } from './duoObjects';

/** The Duo user fields this package writes besides username and status. */
export const DUO_PROFILE_FIELDS = ['realname', 'firstname', 'lastname', 'email', 'notes', ...ALIAS_SLOTS] as const;

/**
 * The sync watermark travels as the last line of the user's notes, written with the change it
 * guards; the rest of the notes is the user's own and is compared and written as the `notes` field.
 */
const WATERMARK_LINE = /(?:^|\n)\[idp-mfa-sync\] state as of (\S+)\s*$/;

export function splitNotes(notes: string | null | undefined): { notes: string; watermark?: string } {
	const text = notes ?? '';
	const match = WATERMARK_LINE.exec(text);
	if (!match) return { notes: text };
	return { notes: text.slice(0, match.index), watermark: match[1] };
}

export function joinNotes(notes: string, watermark: string | undefined): string {
	if (!watermark) return notes;
	return `${notes ? `${notes}\n` : ''}[idp-mfa-sync] state as of ${watermark}`;
}

const STATUS: Record<string, MfaUserStatus> = {
	active: 'active',
	disabled: 'disabled',
	bypass: 'bypass',
	'locked out': 'locked',
};

export function mfaGroupOf(group: DuoGroup): MfaGroup {
	return { id: group.group_id, name: group.name, description: group.desc ?? '' };
}

export function mfaUserOf(user: DuoUser): MfaUser {
	const { notes, watermark } = splitNotes(user.notes);
	const fields: Record<string, string> = {
		realname: user.realname ?? '',
		firstname: user.firstname ?? '',
		lastname: user.lastname ?? '',
		email: user.email ?? '',
		notes,
	};
	for (const slot of ALIAS_SLOTS) fields[slot] = user[slot] ?? user.aliases?.[slot] ?? '';
	return {
		id: user.user_id,
		username: user.username,
		status: STATUS[user.status] ?? 'other',
		statusLabel: user.status,
		fields,
		aliases: aliasValues(user),
		groups: (user.groups ?? []).map(mfaGroupOf),
		...(user.email ? { email: user.email } : {}),
		...(watermark ? { watermark } : {}),
	};
}

/** Every device, authenticator and bypass code of a user, as the core removes them. */
export function devicesOf(user: DuoUser, bypassCodes: DuoBypassCode[]): MfaDevice[] {
	return [
		...(user.phones ?? []).map((phone) => ({
			kind: 'phone',
			id: phone.phone_id,
			...(phone.number || phone.name ? { label: phone.number || phone.name } : {}),
		})),
		...(user.tokens ?? []).map((token) => ({ kind: 'token', id: token.token_id })),
		...(user.webauthncredentials ?? []).map((credential) => ({
			kind: 'webauthn',
			id: credential.webauthnkey,
			...(credential.credential_name ? { label: credential.credential_name } : {}),
		})),
		...(user.u2ftokens ?? []).map((token) => ({ kind: 'u2f', id: token.registration_id })),
		...bypassCodes.map((code) => ({ kind: 'bypassCode', id: code.bypass_code_id })),
	];
}
