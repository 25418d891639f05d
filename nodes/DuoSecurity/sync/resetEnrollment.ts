import type { DuoDirectory } from '../client/DuoDirectory';
import type { DuoUser } from '../client/duoObjects';
import type { ActionResult } from './actionResult';

export interface ResetOptions {
	sendEnrollmentEmail: boolean;
}

/**
 * Removes every authentication device of a user (phones, hardware tokens, WebAuthn and U2F
 * credentials) and its bypass codes, keeping the user, its id, groups, aliases and attributes. The
 * enrollment email is sent only when something was removed, so a replay sends no second email.
 */
export async function resetEnrollment(
	directory: DuoDirectory,
	user: DuoUser,
	options: ResetOptions,
): Promise<ActionResult> {
	const phones = [...(user.phones ?? [])];
	const tokens = [...(user.tokens ?? [])];
	const webauthn = [...(user.webauthncredentials ?? [])];
	const u2f = [...(user.u2ftokens ?? [])];
	const bypassCodes = [...(await directory.bypassCodes(user))];

	for (const phone of phones) await directory.removePhone(user, phone);
	for (const token of tokens) await directory.removeToken(user, token);
	for (const credential of webauthn) await directory.removeWebauthn(user, credential);
	for (const token of u2f) await directory.removeU2f(user, token);
	for (const code of bypassCodes) await directory.deleteBypassCode(user, code);

	const removed = phones.length + tokens.length + webauthn.length + u2f.length + bypassCodes.length;
	const changes = {
		phones: phones.map((p) => p.phone_id),
		tokens: tokens.map((t) => t.token_id),
		webauthnCredentials: webauthn.map((c) => c.webauthnkey),
		u2fTokens: u2f.map((t) => t.registration_id),
		bypassCodes: bypassCodes.length,
		enrollmentEmail: false,
	};
	if (removed === 0) {
		return {
			action: 'unchanged',
			reason: 'no devices or bypass codes to remove',
			duoUserId: user.user_id,
		};
	}
	let reason: string | undefined;
	if (options.sendEnrollmentEmail) {
		if (user.email) {
			await directory.sendEnrollment(user, user.email);
			changes.enrollmentEmail = true;
		} else {
			reason = 'no email address for the enrollment email';
		}
	}
	return { action: 'reset', duoUserId: user.user_id, changes, ...(reason ? { reason } : {}) };
}
