import type { ResetIntent } from './intents';
import { userIds, type Plan } from './planUser';
import type { MfaCapabilities, MfaDevice, MfaUser } from './port';
import { targetNotFound, type ItemScope } from './results';
import type { PlannedStep } from './steps';
import { newerThan } from './watermarks';

export interface ResetObservation {
	user?: MfaUser;
	devices: MfaDevice[];
	/** This process's watermark of the newest reset applied to the user. */
	remembered?: number;
	/** Whether this very event was applied before in this process. */
	applied: boolean;
	/** Whether this process sent the user an enrollment email since the user last had devices. */
	emailSent: boolean;
}

const deviceJson = (device: MfaDevice) => ({ kind: device.kind, id: device.id });

/**
 * Removes every device and authenticator of the user, keeping the user record. The enrollment
 * email goes out after a removal, or when the user has nothing enrolled and this process has not
 * emailed them yet (so a retry after a failed email sends it, and a replay does not send another).
 */
export function planReset(
	intent: ResetIntent,
	observed: ResetObservation,
	capabilities: MfaCapabilities,
	scope: ItemScope,
): Plan {
	const { user } = observed;
	if (!user) return { steps: [], result: targetNotFound(scope, 'user', intent.user.label) };
	const ids = userIds(user);
	if (observed.applied) {
		return { steps: [], result: { action: 'unchanged', reason: 'this MFA reset was already applied', ...ids } };
	}
	const newer = intent.ordering ? newerThan(intent.ordering.asOf, observed.remembered) : undefined;
	if (newer) {
		return {
			steps: [],
			result: { action: 'unchanged', reason: `stale: a newer MFA reset (as of ${newer}) was already applied`, ...ids },
		};
	}
	const steps: PlannedStep[] = observed.devices.map((device) => ({ op: 'removeDevice', user, device }));
	const changes: Record<string, { from: unknown; to: unknown }> = {};
	if (steps.length > 0) changes.devices = { from: observed.devices.map(deviceJson), to: [] };
	let reason: string | undefined;
	if (intent.sendEnrollmentEmail && (steps.length > 0 || !observed.emailSent)) {
		if (!capabilities.enrollmentEmail) reason = `${capabilities.provider} has no enrollment email`;
		else if (!user.email) reason = 'no email address for the enrollment email';
		else {
			steps.push({ op: 'sendEnrollment', user, email: user.email });
			changes.enrollmentEmail = { from: false, to: true };
		}
	}
	if (observed.devices.length === 0) {
		const sent = changes.enrollmentEmail ? '; enrollment email sent' : '';
		return {
			steps,
			result: {
				action: 'unchanged',
				reason: reason ?? `no devices to remove${sent}`,
				...ids,
				...(sent ? { changes: changes as never } : {}),
			},
		};
	}
	return { steps, result: { action: 'reset', ...ids, changes: changes as never, ...(reason ? { reason } : {}) } };
}
