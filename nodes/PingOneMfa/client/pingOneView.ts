import type { MfaDevice, MfaGroup, MfaUser, MfaUserStatus } from '../../shared/mfa/port';
import type { PingOneDevice, PingOneGroup, PingOneName, PingOneUser, PingOneUserInput } from './pingOneObjects';

/**
 * The PingOne user fields this package writes besides the username, by the names mapping profiles
 * use: the name parts are PingOne's `name.given`, `name.family` and `name.formatted`.
 */
export const PINGONE_PROFILE_FIELDS = [
	'email',
	'givenName',
	'familyName',
	'formattedName',
	'nickname',
	'title',
	'mobilePhone',
	'locale',
	'externalId',
] as const;

const NAME_PARTS: Record<string, keyof PingOneName> = {
	givenName: 'given',
	familyName: 'family',
	formattedName: 'formatted',
};

const text = (value: unknown) => (typeof value === 'string' ? value : '');

export function pingOneStatus(user: PingOneUser): { status: MfaUserStatus; label: string } {
	if (user.enabled === false) return { status: 'disabled', label: 'disabled' };
	if (user.account?.status === 'LOCKED') return { status: 'locked', label: 'locked' };
	return { status: 'active', label: 'active' };
}

export function mfaGroupOf(group: PingOneGroup): MfaGroup {
	return { id: group.id, name: group.name, description: group.description ?? '' };
}

export function mfaUserOf(user: PingOneUser, groups: MfaGroup[]): MfaUser {
	const fields: Record<string, string> = {};
	for (const field of PINGONE_PROFILE_FIELDS) {
		const part = NAME_PARTS[field];
		fields[field] = text(part ? user.name?.[part] : user[field as keyof PingOneUserInput]);
	}
	const { status, label } = pingOneStatus(user);
	return {
		id: user.id,
		username: user.username,
		status,
		statusLabel: label,
		fields,
		aliases: user.externalId ? [user.externalId] : [],
		groups,
		...(user.email ? { email: user.email } : {}),
	};
}

/**
 * A PATCH or create body for profile fields: `''` clears a field (sent as null), except the email,
 * which PingOne requires. The name parts are merged into the user's current name, so a PATCH that
 * replaces `name` whole keeps the parts it does not change.
 */
export function userInputOf(fields: Record<string, string>, current?: PingOneUser): PingOneUserInput {
	const input: Record<string, unknown> = {};
	let name: PingOneName | undefined;
	for (const [field, value] of Object.entries(fields)) {
		const part = NAME_PARTS[field];
		if (part) {
			name = { ...(name ?? current?.name ?? {}), [part]: value === '' ? null : value } as PingOneName;
		} else if (field === 'email') {
			if (value !== '') input.email = value;
		} else {
			input[field] = value === '' ? null : value;
		}
	}
	if (name) input.name = name;
	return input as PingOneUserInput;
}

/** A user as this execution's write left it, when PingOne answered nothing (a dry run). */
export function withInput(user: PingOneUser, input: PingOneUserInput): PingOneUser {
	return JSON.parse(JSON.stringify({ ...user, ...input })) as PingOneUser;
}

export function devicesOf(devices: PingOneDevice[]): MfaDevice[] {
	return devices.map((device) => {
		const label = device.nickname || device.phone || device.email;
		return { kind: device.type, id: device.id, ...(label ? { label } : {}) };
	});
}
