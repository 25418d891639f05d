import type { MfaFactor, MfaReset } from '../../shared/model';

export type ResetTrigger = 'anyReset' | 'duoFactorReset';

/** Whether an IdP factor is Duo: provider `DUO`, or a type or name that mentions Duo. */
export function isDuoFactor(factor: MfaFactor): boolean {
	return (
		factor.provider?.toUpperCase() === 'DUO' ||
		/duo/i.test(factor.type) ||
		/duo/i.test(factor.name ?? '')
	);
}

/** Whether an IdP MFA reset should reset Duo enrollment. "Reset all factors" includes Duo's. */
export function resetCountsForDuo(mfa: MfaReset, trigger: ResetTrigger): boolean {
	if (trigger === 'anyReset') return true;
	return mfa.all || mfa.factors.some(isDuoFactor);
}
