import type {
	GroupEvent,
	IdentityEvent,
	IdentityUser,
	MembershipEvent,
	MfaReset,
	MfaResetEvent,
	UserEvent,
} from '../model';
import type { GroupMapping } from '../mapping';
import { groupMarker, groupMarkers, userAnchor } from './anchors';
import { statusFor, userRefOf, type DesiredUser } from './desiredUser';
import type { GroupQuery, MfaGroup, UserRef } from './port';
import { eventAsOf } from './watermarks';

/** How Apply turns an identity event into MFA changes: from the node's options or a profile. */
export interface ApplyOptions {
	/** The MFA user an IdP user of this event maps to. */
	desiredUser(user: IdentityUser, event: IdentityEvent): DesiredUser;
	/** The MFA name of an IdP group, or why the group stays out of the MFA provider. */
	groupName(idpName: string): GroupMapping;
	createMissingGroups: boolean;
	onUserDeleted: 'delete' | 'disable';
	/** Why an IdP MFA reset leaves the MFA enrollment alone; undefined when it resets it. */
	skipReset(mfa: MfaReset): string | undefined;
	sendEnrollmentEmail: boolean;
}

/** A watermark check: the state's as-of time, and what it is about. */
export interface Ordering {
	asOf: string;
	subject: string;
	/** For edge events (resets): the event id, so a replay of the same event is recognized. */
	eventId?: string;
}

/** What the MFA user should be. */
export interface UserIntent {
	kind: 'user';
	ref: UserRef;
	/** How the item names the user in messages. */
	label: string;
	/** The profile a created user gets, and with `updateProfile` the profile to converge to. */
	desired?: DesiredUser;
	updateProfile: boolean;
	/**
	 * The status to converge to; undefined leaves it. `active` only enables a disabled user (a user in
	 * bypass or locked out stays so); another provider status is set as given.
	 */
	status?: string;
	remove?: 'delete' | 'disable';
	/** Whether a missing user is created: always, only when it may sign in, or never. */
	create: 'yes' | 'ifActive' | 'no';
	/** Status, existence and profile follow newer states only. */
	ordering?: Ordering;
	/** Whether the intent carries the IdP's state of the user, so its as-of time is remembered. */
	remember: boolean;
	/**
	 * Whether an anchor the user lacks is written only together with another change, so that events
	 * other than a creation or a profile update cost no write of their own for it.
	 */
	anchorRidesAlong?: boolean;
	/**
	 * Groups the IdP reports the user in (when the event carries them), as MFA groups: the user joins
	 * those that exist. Nothing is removed or created for them; membership events and Sync Groups do that.
	 */
	groups?: Array<{ name: string; markers: string[] }>;
	/**
	 * When set, `groups` is the whole membership among the groups this says are managed: the user
	 * also leaves managed groups not in `groups` (Reconcile). Other groups are never touched.
	 */
	managedGroup?(group: MfaGroup): boolean;
	/** Why the IdP's current state, not the event type, decided. */
	note?: string;
	/** The IdP user's tenant anchor, for a provider that cannot keep it (see usernameMemory.ts). */
	idpAnchor?: string;
}

export interface MembershipIntent {
	kind: 'membership';
	user: UserIntent;
	group: { query: GroupQuery; name?: string; markers: string[]; label: string };
	member: boolean;
	createGroup: boolean;
	ordering?: Ordering;
	note?: string;
}

export interface ResetIntent {
	kind: 'reset';
	user: UserIntent;
	sendEnrollmentEmail: boolean;
	ordering?: Ordering;
}

export interface GroupIntent {
	kind: 'group';
	op: 'ensure' | 'rename' | 'delete';
	/** The group's markers (current form first); an IdP delete finds the group by them only. */
	markers: string[];
	/** A group the item chose itself (by id or name) instead of an IdP group. */
	query?: GroupQuery;
	name?: string;
	/** Rename: where the group may be found by name when no marker matches. */
	previousName?: string;
	description?: string;
	ordering?: Ordering;
}

export interface SkipIntent {
	kind: 'skip';
	action: 'skipped' | 'unchanged';
	reason: string;
}

export type Intent = UserIntent | MembershipIntent | ResetIntent | GroupIntent | SkipIntent;

const label = (user: IdentityUser) => user.login ?? user.email ?? user.id;

function idpUser(event: IdentityEvent & { user: IdentityUser }) {
	return { idp: event.source.idp, tenant: event.source.tenant, id: event.user.id };
}

function asOfText(event: IdentityEvent): string {
	return `as of ${eventAsOf(event)}`;
}

function statusText(user: IdentityUser): string {
	return user.status ?? 'unknown';
}

const SIGN_IN_CAPABLE = new Set(['active', 'pending', 'locked', 'suspended']);

function baseUserIntent(event: IdentityEvent & { user: IdentityUser }, desired: DesiredUser): UserIntent {
	const anchor = userAnchor(idpUser(event));
	return {
		kind: 'user',
		ref: userRefOf(desired),
		label: label(event.user),
		desired,
		updateProfile: false,
		create: 'no',
		idpAnchor: anchor,
		ordering: { asOf: eventAsOf(event), subject: anchor },
		remember: true,
		anchorRidesAlong: !(event.type === 'user.created' || event.type === 'user.updated'),
	};
}

function goneFromIdp(event: IdentityEvent): SkipIntent {
	return {
		kind: 'skip',
		action: 'skipped',
		reason: `the identity provider no longer has this user (${asOfText(event)}); a user.deleted event or a reconcile removes it`,
	};
}

/** The IdP groups the event's user is in, mapped to MFA group names; excluded groups left out. */
function reportedGroups(event: IdentityEvent & { user: IdentityUser }, options: ApplyOptions, except?: string) {
	if (!event.user.groups) return undefined;
	const groups: Array<{ name: string; markers: string[] }> = [];
	for (const group of event.user.groups) {
		if (group.id === except || group.name === undefined) continue;
		const mapped = options.groupName(group.name);
		if ('name' in mapped) {
			const markers = groupMarkers({ idp: event.source.idp, tenant: event.source.tenant, id: group.id });
			groups.push({ name: mapped.name, markers });
		}
	}
	return groups;
}

/** The user part of an event whose user the identity provider just reported (enrichment). */
function enrichedUserIntent(event: UserEvent, options: ApplyOptions): UserIntent | SkipIntent {
	const desired = options.desiredUser(event.user, event);
	const groups = reportedGroups(event, options);
	const intent: UserIntent = { ...baseUserIntent(event, desired), updateProfile: true, ...(groups ? { groups } : {}) };
	const current = statusFor(event.user.status);
	const reported = `the identity provider reports the user ${statusText(event.user)} (${asOfText(event)})`;
	switch (event.type) {
		case 'user.deleted':
			if (SIGN_IN_CAPABLE.has(event.user.status ?? '')) {
				return { kind: 'skip', action: 'unchanged', reason: `stale: the event says deleted, but ${reported}` };
			}
			return { ...intent, updateProfile: false, remove: options.onUserDeleted };
		case 'user.created':
		case 'user.updated':
			return { ...intent, status: current, create: 'yes' };
		case 'user.reactivated':
			return {
				...intent,
				status: current,
				create: 'ifActive',
				note: current === 'disabled' ? `stale: the event says reactivated, but ${reported}` : undefined,
			};
		case 'user.suspended':
		case 'user.deactivated':
			return {
				...intent,
				status: current,
				note: current === 'active' ? `stale: the event says ${event.type.slice(5)}, but ${reported}` : undefined,
			};
	}
}

/** The user part of an event that carries only what the IdP sent (enrichment off or failed). */
function sentUserIntent(event: UserEvent, options: ApplyOptions): UserIntent {
	const desired = options.desiredUser(event.user, event);
	const intent = baseUserIntent(event, desired);
	switch (event.type) {
		case 'user.created':
		case 'user.updated':
			return { ...intent, updateProfile: true, status: statusFor(event.user.status), create: 'yes' };
		case 'user.suspended':
		case 'user.deactivated':
			return { ...intent, status: 'disabled' };
		case 'user.reactivated':
			return { ...intent, status: 'active', create: 'ifActive' };
		case 'user.deleted':
			return { ...intent, remove: options.onUserDeleted };
	}
}

/** Create or Update from an event: the user converges like on a user.updated event. */
export function upsertIntentOf(event: IdentityEvent & { user: IdentityUser }, options: ApplyOptions): UserIntent | SkipIntent {
	return userEventIntent({ ...event, type: 'user.updated' } as UserEvent, options);
}

function userEventIntent(event: UserEvent, options: ApplyOptions): UserIntent | SkipIntent {
	const status = event.enrichment?.status;
	if (status === 'not_found') {
		if (event.type !== 'user.deleted') return goneFromIdp(event);
		const desired = options.desiredUser(event.user, event);
		return { ...baseUserIntent(event, desired), remove: options.onUserDeleted };
	}
	return status === 'enriched' ? enrichedUserIntent(event, options) : sentUserIntent(event, options);
}

function membershipIntent(event: MembershipEvent, options: ApplyOptions): Intent {
	const mapped = event.group.name === undefined ? undefined : options.groupName(event.group.name);
	if (mapped && 'skipped' in mapped) return { kind: 'skip', action: 'skipped', reason: mapped.skipped };
	if (event.enrichment?.status === 'not_found') return goneFromIdp(event);
	const adding = event.type === 'group.member_added';
	const enriched = event.enrichment?.status === 'enriched';
	const desired = options.desiredUser(event.user, event);
	const groups = enriched ? reportedGroups(event, options, event.group.id) : undefined;
	const user: UserIntent = {
		...baseUserIntent(event, desired),
		create: adding || enriched ? 'ifActive' : 'no',
		updateProfile: enriched,
		remember: enriched,
		...(enriched ? { status: statusFor(event.user.status) } : {}),
		...(groups ? { groups } : {}),
	};
	const source = { idp: event.source.idp, tenant: event.source.tenant, id: event.group.id };
	const markers = groupMarkers(source);
	const name = mapped?.name;
	let member = adding;
	let note: string | undefined;
	const idpGroups = enriched ? event.user.groups : undefined;
	if (idpGroups) {
		const isMember = idpGroups.some((group) => group.id === event.group.id);
		if (isMember !== adding) {
			member = isMember;
			note = `stale: the event says ${adding ? 'added to' : 'removed from'} ${name ?? event.group.id}, but the identity provider reports the user ${isMember ? 'in' : 'not in'} it (${asOfText(event)})`;
		}
	}
	return {
		kind: 'membership',
		user,
		group: { query: { markers, ...(name !== undefined ? { name } : {}) }, name, markers, label: name ?? event.group.id },
		member,
		createGroup: options.createMissingGroups && name !== undefined,
		ordering: {
			asOf: eventAsOf(event),
			subject: `${userAnchor(idpUser(event))} ${groupMarker(source)}`,
		},
		note,
	};
}

function resetIntent(event: MfaResetEvent, options: ApplyOptions): Intent {
	const skip = options.skipReset(event.mfa);
	if (skip) return { kind: 'skip', action: 'skipped', reason: skip };
	if (event.enrichment?.status === 'not_found') return goneFromIdp(event);
	const desired = options.desiredUser(event.user, event);
	return {
		kind: 'reset',
		user: { ...baseUserIntent(event, desired), ordering: undefined, remember: false },
		sendEnrollmentEmail: options.sendEnrollmentEmail,
		ordering: { asOf: event.occurredAt, subject: userAnchor(idpUser(event)), eventId: event.id },
	};
}

function groupIntent(event: GroupEvent, options: ApplyOptions): Intent {
	const mapped = event.group.name === undefined ? undefined : options.groupName(event.group.name);
	if (mapped && 'skipped' in mapped) return { kind: 'skip', action: 'skipped', reason: mapped.skipped };
	const name = mapped?.name;
	const source = { idp: event.source.idp, tenant: event.source.tenant, id: event.group.id };
	const markers = groupMarkers(source);
	const ordering = { asOf: event.occurredAt, subject: groupMarker(source) };
	switch (event.type) {
		case 'group.created':
			if (!name) return { kind: 'skip', action: 'skipped', reason: 'the event has no group name' };
			return { kind: 'group', op: 'ensure', markers, name, ordering };
		case 'group.renamed': {
			if (!name) return { kind: 'skip', action: 'skipped', reason: 'the event has no group name' };
			const previous = event.group.previousName;
			const previousMapped = previous === undefined ? undefined : options.groupName(previous);
			return {
				kind: 'group',
				op: 'rename',
				markers,
				name,
				previousName: previousMapped && 'name' in previousMapped ? previousMapped.name : previous,
				ordering,
			};
		}
		case 'group.deleted':
			return { kind: 'group', op: 'delete', markers, name, ordering };
	}
}

/** What an identity event asks of the MFA provider. Pure. */
export function intentOf(event: IdentityEvent, options: ApplyOptions): Intent {
	switch (event.type) {
		case 'user.created':
		case 'user.updated':
		case 'user.suspended':
		case 'user.reactivated':
		case 'user.deactivated':
		case 'user.deleted':
			return userEventIntent(event, options);
		case 'user.mfa_reset':
			return resetIntent(event, options);
		case 'group.member_added':
		case 'group.member_removed':
			return membershipIntent(event, options);
		case 'group.created':
		case 'group.renamed':
		case 'group.deleted':
			return groupIntent(event, options);
		case 'sync.events_missed':
			return {
				kind: 'skip',
				action: 'skipped',
				reason: `the identity provider reports missed events (${event.notice.reason}); run a reconcile`,
			};
	}
}

/** The users an intent will look up, for the batched prefetch before items run. */
export function lookupKeysOf(intent: Intent): string[] {
	const ref =
		intent.kind === 'user'
			? intent.ref
			: intent.kind === 'membership' || intent.kind === 'reset'
				? intent.user.ref
				: undefined;
	return ref ? [...(ref.anchors ?? []), ref.username].filter((key): key is string => !!key) : [];
}

/** A user already found, as an intent: only the given change, nothing created. */
export function foundUserIntent(user: { id: string; username: string }, change: Partial<UserIntent>): UserIntent {
	return {
		kind: 'user',
		ref: { id: user.id },
		label: user.username,
		create: 'no',
		updateProfile: false,
		remember: false,
		...change,
	};
}
