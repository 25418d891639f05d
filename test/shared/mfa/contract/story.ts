import { parseIdentityEvent, type IdentityEvent, type UserStatus } from '../../../../nodes/shared/model';

export const TENANT = 'contract.okta.com';

/** Where every user of the story has an email address: `<login>@contract.test`. */
export const emailOf = (login: string) => `${login}@contract.test`;

export interface IdpUserState {
	id: string;
	login: string;
	familyName: string;
	status: UserStatus;
	groups: Array<{ id: string; name: string }>;
}

let sequence = 0;

const at = (minute: number, second = 0) =>
	new Date(Date.UTC(2026, 10, 1, 10, minute, second)).toISOString();

/**
 * An event as the trigger emits it with enrichment: what happened at `minute`, with the IdP's state
 * of the user read a few seconds later (`state` is that state, not the event's claim).
 */
export function enrichedEvent(
	type: IdentityEvent['type'],
	minute: number,
	state: IdpUserState | undefined,
	extra: Record<string, unknown> = {},
): IdentityEvent {
	sequence += 1;
	const enrichment = state
		? { status: 'enriched', observedAt: at(minute, 5) }
		: { status: 'not_found', observedAt: at(minute, 5) };
	const user = state
		? {
				id: state.id,
				login: state.login,
				email: emailOf(state.login),
				familyName: state.familyName,
				status: state.status,
				groups: state.groups,
				attributes: {},
			}
		: undefined;
	const parsed = parseIdentityEvent({
		schemaVersion: 1,
		id: `contract-${sequence}`,
		type,
		occurredAt: at(minute),
		source: { idp: 'okta', tenant: TENANT, eventType: type, eventIds: [`contract-${sequence}`] },
		enrichment,
		...(user ? { user } : {}),
		...extra,
	});
	if (!parsed.ok) throw new Error(parsed.message);
	return parsed.event;
}

/** Deterministic shuffles (mulberry32), so a failure names a seed that reproduces it. */
export function shuffled<T>(items: T[], seed: number): T[] {
	let s = seed >>> 0;
	const random = () => {
		s = (s + 0x6d2b79f5) >>> 0;
		let t = s;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const copy = [...items];
	for (let i = copy.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[copy[i], copy[j]] = [copy[j], copy[i]];
	}
	return copy;
}
