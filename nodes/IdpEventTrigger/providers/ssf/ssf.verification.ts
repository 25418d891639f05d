import { createHmac, randomBytes } from 'crypto';
import { sleep } from 'n8n-workflow';

import { constantTimeEqual } from '../../../shared/security/constantTimeEqual';

/**
 * The `state` of a verification request: a nonce and its HMAC under the delivery secret, so any n8n
 * process that holds the credential can tell a state it asked for from one it did not.
 */
export function verificationState(secret: string, nonce = randomBytes(16).toString('base64url')): string {
	return `${nonce}.${createHmac('sha256', secret).update(`ssf verification state ${nonce}`).digest('base64url')}`;
}

export function isOwnVerificationState(secret: string, state: string): boolean {
	const [nonce, mac, ...rest] = state.split('.');
	if (!nonce || !mac || rest.length > 0) return false;
	return constantTimeEqual(state, verificationState(secret, nonce));
}

export type VerificationOutcome = { kind: 'confirmed' } | { kind: 'refused'; reason: string } | { kind: 'timeout' };

interface Waiter {
	state: string;
	outcome?: VerificationOutcome;
}

/** Verification requests this process is waiting for, by webhook identity. */
const waiters = new Map<string, Waiter>();

export function expectVerification(identity: string, state: string): void {
	waiters.set(identity, { state });
}

export function stopExpecting(identity: string): void {
	waiters.delete(identity);
}

/** A verification event with `state` was accepted at the trigger with this identity. */
export function verificationArrived(identity: string, state: string): void {
	const waiter = waiters.get(identity);
	if (waiter && state === waiter.state && !waiter.outcome) waiter.outcome = { kind: 'confirmed' };
}

/** A SET was refused at the trigger with this identity while a verification was awaited. */
export function deliveryRefused(identity: string, reason: string): void {
	const waiter = waiters.get(identity);
	if (waiter && !waiter.outcome) waiter.outcome = { kind: 'refused', reason };
}

const POLL_MS = 50;

/** Waits up to `timeoutMs` for the verification event, then stops waiting. */
export async function awaitVerification(identity: string, timeoutMs: number): Promise<VerificationOutcome> {
	try {
		for (let waited = 0; waited < timeoutMs; waited += POLL_MS) {
			const outcome = waiters.get(identity)?.outcome;
			if (outcome) return outcome;
			await sleep(POLL_MS);
		}
		return waiters.get(identity)?.outcome ?? { kind: 'timeout' };
	} finally {
		stopExpecting(identity);
	}
}
