import type { MfaDevice, MfaUser } from '../../shared/mfa/port';
import type { RsaDevice, RsaUser } from './rsaObjects';

/** Device kind of a SecurID 700 hardware token, which is unassigned rather than deleted. */
export const HARDWARE_TOKEN = 'hardwareToken';

/**
 * An RSA user as the core sees it: the email address is the username. A user pending deletion
 * counts as disabled (it cannot sign in, and is purged after 7 days).
 */
export function mfaUserOf(user: RsaUser): MfaUser {
	const pending = user.markDeleted === true;
	const enabled = user.userStatus === 'Enabled' && !pending;
	return {
		id: user.id,
		username: user.emailAddress,
		status: enabled ? 'active' : user.userStatus === 'Disabled' || pending ? 'disabled' : 'other',
		statusLabel: pending ? 'pending deletion' : String(user.userStatus).toLowerCase(),
		fields: {},
		aliases: [],
		groups: [],
		email: user.emailAddress,
	};
}

export function devicesOf(devices: RsaDevice[]): MfaDevice[] {
	return devices.map((device) => {
		const label = device.deviceName || device.platform;
		return {
			kind: device.tokenSerialNumber ? HARDWARE_TOKEN : (device.type ?? 'authenticator'),
			id: device.id,
			...(label ? { label } : {}),
		};
	});
}
