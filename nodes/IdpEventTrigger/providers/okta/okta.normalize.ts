import {
	IDENTITY_EVENT_SCHEMA_VERSION,
	type Actor,
	type GroupRef,
	type IdentityEvent,
	type IdentityUser,
	type MfaFactor,
} from '../../../shared/model';
import { bump, newTally } from '../../pipeline/tally';
import type { NormalizeOutcome } from '../../pipeline/types';
import { OKTA_EVENT_MAP, isOktaEventType } from './okta.eventMap';
import type { OktaEventHookDelivery, OktaLogEvent, OktaLogTarget } from './okta.wire';

const FACTOR_TARGET_TYPES = new Set(['AuthenticatorEnrollment', 'Factor', 'UserFactor', 'Authenticator']);

export function oktaTenantOf(delivery: OktaEventHookDelivery, fallback: string): string {
	if (delivery.source) {
		try {
			return new URL(delivery.source).host;
		} catch {
			return fallback;
		}
	}
	return fallback;
}

function userFromTarget(target: OktaLogTarget): IdentityUser {
	return {
		id: target.id,
		login: target.alternateId ?? undefined,
		displayName: target.displayName ?? undefined,
		attributes: {},
	};
}

function groupFromTarget(target: OktaLogTarget): GroupRef {
	const previous = target.changeDetails?.from?.name;
	return {
		id: target.id,
		name: target.displayName ?? undefined,
		previousName: typeof previous === 'string' ? previous : undefined,
	};
}

function actorOf(event: OktaLogEvent): Actor | undefined {
	if (!event.actor) return undefined;
	return {
		id: event.actor.id,
		type: event.actor.type ?? undefined,
		login: event.actor.alternateId ?? undefined,
		displayName: event.actor.displayName ?? undefined,
	};
}

function changedAttributesOf(event: OktaLogEvent): string[] | undefined {
	const data = event.debugContext?.debugData ?? {};
	const value = data.changedAttributes ?? data.changed_attributes;
	if (typeof value !== 'string') return undefined;
	return value
		.split(',')
		.map((name) => name.trim())
		.filter(Boolean);
}

function factorsOf(event: OktaLogEvent): MfaFactor[] {
	const targets = (event.target ?? []).filter((t) => FACTOR_TARGET_TYPES.has(t.type));
	if (targets.length > 0) {
		return targets.map((target) => {
			const detail = target.detailEntry ?? {};
			const type = detail.factorType ?? detail.methodType ?? target.alternateId ?? target.displayName;
			return {
				type: typeof type === 'string' && type !== 'unknown' ? type : (target.displayName ?? 'unknown'),
				provider: typeof detail.provider === 'string' ? detail.provider : undefined,
				name: target.displayName ?? undefined,
			};
		});
	}
	const fromReason = /reset\s+(\S+)\s+factor/i.exec(event.outcome?.reason ?? '');
	return [{ type: fromReason ? fromReason[1] : 'unknown' }];
}

/**
 * Maps one Okta delivery to normalized events, in `published` order. Failed outcomes and
 * unmapped types are counted, never thrown.
 */
export function normalizeOktaDelivery(
	delivery: OktaEventHookDelivery,
	options: { tenant: string; includeRaw: boolean },
): NormalizeOutcome {
	const outcome: NormalizeOutcome = { events: [], ignored: newTally(), failedOutcomes: 0 };
	const ignore = (reason: string) => bump(outcome.ignored, reason);
	const tenant = oktaTenantOf(delivery, options.tenant);
	const ordered = delivery.data.events
		.map((event, index) => ({ event, index, at: Date.parse(event.published) }))
		.sort((a, b) => a.at - b.at || a.index - b.index)
		.map(({ event }) => event);

	for (const event of ordered) {
		if (event.outcome?.result === 'FAILURE') {
			outcome.failedOutcomes++;
			continue;
		}
		if (!isOktaEventType(event.eventType)) {
			ignore(event.eventType);
			continue;
		}
		const type = OKTA_EVENT_MAP[event.eventType];
		const targets = event.target ?? [];
		const userTarget = targets.find((t) => t.type === 'User');
		const groupTarget = targets.find((t) => t.type === 'UserGroup');
		const base = {
			schemaVersion: IDENTITY_EVENT_SCHEMA_VERSION,
			id: event.uuid,
			occurredAt: event.published,
			source: {
				idp: 'okta' as const,
				tenant,
				eventType: event.eventType,
				eventIds: [event.uuid],
				deliveryId: delivery.eventId,
			},
			actor: actorOf(event),
			...(options.includeRaw ? { raw: event } : {}),
		};
		let normalized: IdentityEvent | undefined;
		switch (type) {
			case 'user.created':
			case 'user.updated':
			case 'user.suspended':
			case 'user.reactivated':
			case 'user.deactivated':
			case 'user.deleted':
				if (userTarget) normalized = { ...base, type, user: userFromTarget(userTarget) };
				break;
			case 'user.mfa_reset':
				if (userTarget) {
					const all = event.eventType === 'user.mfa.factor.reset_all';
					normalized = {
						...base,
						type,
						user: userFromTarget(userTarget),
						mfa: { all, factors: all ? [] : factorsOf(event) },
					};
				}
				break;
			case 'group.renamed': {
				const changed = changedAttributesOf(event);
				if (changed && !changed.includes('name')) {
					ignore(`${event.eventType} (name unchanged)`);
					continue;
				}
				if (groupTarget) normalized = { ...base, type, group: groupFromTarget(groupTarget) };
				break;
			}
			case 'group.created':
			case 'group.deleted':
				if (groupTarget) normalized = { ...base, type, group: groupFromTarget(groupTarget) };
				break;
			case 'group.member_added':
			case 'group.member_removed':
				if (userTarget && groupTarget) {
					normalized = {
						...base,
						type,
						user: userFromTarget(userTarget),
						group: groupFromTarget(groupTarget),
					};
				}
				break;
		}
		if (normalized) outcome.events.push(normalized);
		else ignore(`${event.eventType} (missing target)`);
	}
	return outcome;
}
