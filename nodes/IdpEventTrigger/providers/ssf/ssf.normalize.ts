import { IDENTITY_EVENT_SCHEMA_VERSION, type IdentityEvent, type IdentityUser } from '../../../shared/model';
import type { NormalizeOptions } from '../../pipeline/sourceAdapter';
import { bump, newTally } from '../../pipeline/tally';
import type { NormalizeOutcome } from '../../pipeline/types';
import { SSF_EVENT_MAP, isSsfEventKey, ssfEventKey } from './ssf.eventMap';
import { UNDERSTOOD_MEMBERS, readSubject } from './ssf.subject';
import type { SsfDelivery } from './ssf.wire';

const RESET_CHANGES = new Set(['revoke', 'delete']);

function isoFromSeconds(value: unknown): string | undefined {
	if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
	const date = new Date(value * 1000);
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** RISC identifier-changed: the subject holds the old email or phone number, `new-value` the new one. */
function withNewIdentifier(user: IdentityUser, event: Record<string, unknown>): IdentityUser {
	const next = text(event['new-value']);
	if (!next) return user;
	const previous = user.email ?? user.attributes['subject.phone_number'] ?? user.id;
	const attributes = { ...user.attributes, 'subject.previous': previous };
	if (user.attributes['subject.format'] === 'email') return { ...user, login: next, email: next, attributes };
	if (user.attributes['subject.format'] === 'phone_number') {
		return { ...user, attributes: { ...attributes, 'subject.phone_number': next } };
	}
	return { ...user, attributes };
}

/**
 * Maps one verified SET to at most one normalized event. SSF's own events (verification, stream
 * updated), events the receiver does not map, subjects that name no user, and credential changes
 * that are not a revocation or deletion are counted, never thrown.
 */
export function normalizeSsfDelivery(delivery: SsfDelivery, options: NormalizeOptions): NormalizeOutcome {
	const outcome: NormalizeOutcome = { events: [], ignored: newTally(), failedOutcomes: 0 };
	const { claims, event, eventUri } = delivery;
	const key = ssfEventKey(eventUri);
	if (key === undefined || !isSsfEventKey(key)) {
		bump(outcome.ignored, key ?? eventUri);
		return outcome;
	}
	const subject = readSubject(claims, event);
	const critical = (subject?.members ?? []).filter(
		(member) => delivery.criticalSubjectMembers.includes(member) && !(UNDERSTOOD_MEMBERS as readonly string[]).includes(member),
	);
	if (critical.length > 0) {
		bump(outcome.ignored, `${key} (critical subject member ${critical.join(', ')} not understood)`);
		return outcome;
	}
	if (!subject?.user) {
		bump(outcome.ignored, `${key} (the subject names no user${subject ? `: ${subject.format}` : ''})`);
		return outcome;
	}
	if (key === 'caep/credential-change' && !RESET_CHANGES.has(String(event.change_type))) {
		bump(outcome.ignored, `${key} ${String(event.change_type)}`);
		return outcome;
	}
	const type = SSF_EVENT_MAP[key];
	const base = {
		schemaVersion: IDENTITY_EVENT_SCHEMA_VERSION,
		id: claims.jti,
		occurredAt:
			isoFromSeconds(event.event_timestamp) ?? isoFromSeconds(claims.toe) ?? (isoFromSeconds(claims.iat) as string),
		source: {
			idp: 'ssf' as const,
			tenant: subject.tenant ?? options.tenant,
			eventType: eventUri,
			eventIds: [claims.jti],
			...(claims.txn ? { deliveryId: claims.txn } : {}),
		},
		...(options.includeRaw ? { raw: claims } : {}),
	};
	let normalized: IdentityEvent;
	if (type === 'user.mfa_reset') {
		const name = text(event.friendly_name);
		normalized = {
			...base,
			type,
			user: subject.user,
			mfa: { all: false, factors: [{ type: String(event.credential_type), ...(name ? { name } : {}) }] },
		};
	} else {
		const user = key === 'risc/identifier-changed' ? withNewIdentifier(subject.user, event) : subject.user;
		normalized = { ...base, type, user };
	}
	outcome.events.push(normalized);
	return outcome;
}
