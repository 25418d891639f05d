import type { IdentityEvent, MfaFactor, MfaResetEvent } from '../../shared/model';

function factorKey(factor: MfaFactor): string {
	return `${factor.type}\u0000${factor.provider ?? ''}\u0000${factor.name ?? ''}`;
}

/**
 * Merges the MFA-reset events of one user within one delivery into the first of them: Okta Identity
 * Engine emits one event per factor when an admin resets MFA. The merged event keeps the first
 * event's id, so a retried delivery merges to the same id.
 */
export function coalesceMfaResets(events: IdentityEvent[]): IdentityEvent[] {
	const firstByUser = new Map<string, MfaResetEvent>();
	const result: IdentityEvent[] = [];
	for (const event of events) {
		if (event.type !== 'user.mfa_reset') {
			result.push(event);
			continue;
		}
		const first = firstByUser.get(event.user.id);
		if (!first) {
			const copy: MfaResetEvent = {
				...event,
				source: { ...event.source, eventIds: [...event.source.eventIds] },
				mfa: { all: event.mfa.all, factors: [...event.mfa.factors] },
			};
			firstByUser.set(event.user.id, copy);
			result.push(copy);
			continue;
		}
		first.source.eventIds.push(...event.source.eventIds);
		first.mfa.all = first.mfa.all || event.mfa.all;
		const known = new Set(first.mfa.factors.map(factorKey));
		for (const factor of event.mfa.factors) {
			if (!known.has(factorKey(factor))) {
				known.add(factorKey(factor));
				first.mfa.factors.push(factor);
			}
		}
		if (event.raw !== undefined) {
			first.raw = [...(Array.isArray(first.raw) ? first.raw : [first.raw]), event.raw];
		}
	}
	return result;
}
