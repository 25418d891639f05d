import { readWindow } from '../../../nodes/IdpEventTrigger/pipeline/dedupe';
import type { DeliveryContext } from '../../../nodes/IdpEventTrigger/pipeline/processDelivery';
import { importJwks } from '../../../nodes/IdpEventTrigger/providers/ssf/ssf.jws';
import type { SsfPrepared } from '../../../nodes/IdpEventTrigger/providers/ssf/ssf.parse';
import { IDENTITY_EVENT_TYPES } from '../../../nodes/shared/model';
import { newKey, signSet } from '../../../sandbox/ssf/signing';
import { inbound } from '../../helpers/inboundRequest';
import { ssfFixture } from './fixtures';

export const ISSUER = 'https://tx.example.test';
export const AUDIENCE = 'https://n8n.example.test/receiver';
export const NOW = Date.parse('2026-03-02T10:00:00Z');
export const SIGNING_KEY = newKey('RS256', 'fixture-rs-1');

export function prepared(overrides: Partial<SsfPrepared> = {}): SsfPrepared {
	return {
		issuer: ISSUER,
		audiences: [AUDIENCE],
		keys: importJwks({ keys: [SIGNING_KEY.jwk] }),
		criticalSubjectMembers: [],
		now: NOW,
		maxAgeMs: 24 * 60 * 60_000,
		futureSkewMs: 5 * 60_000,
		...overrides,
	};
}

/** A fixture's claims as this transmitter would send them to this receiver: iss, aud and iat replaced. */
export function fixtureClaims(name: string, overrides: Record<string, unknown> = {}): Record<string, any> {
	return { ...ssfFixture(name), iss: ISSUER, aud: AUDIENCE, iat: Math.floor(NOW / 1000) - 5, ...overrides };
}

export function push(token: string, headers: Record<string, string> = {}) {
	return inbound('POST', { 'Content-Type': 'application/secevent+jwt', Accept: 'application/json', ...headers }, token);
}

export function signed(claims: unknown, how: Parameters<typeof signSet>[2] = {}): string {
	return signSet(SIGNING_KEY, claims as object, how);
}

export function context(overrides: Partial<DeliveryContext> = {}): DeliveryContext {
	return {
		secrets: [],
		secretOptional: true,
		prepared: prepared(),
		selected: IDENTITY_EVENT_TYPES,
		tenant: 'tx.example.test',
		includeRaw: false,
		maxEvents: 1000,
		window: () => readWindow({}),
		windowMs: 24 * 60 * 60_000,
		now: NOW,
		...overrides,
	};
}
