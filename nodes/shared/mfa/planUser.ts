import { NodeOperationError } from 'n8n-workflow';

import { carriesMarker } from './anchors';
import { createFields, profileDiff } from './desiredUser';
import type { UserIntent } from './intents';
import type { MfaCapabilities, MfaGroup, MfaUser, UserChanges } from './port';
import { targetNotFound, type ActionResult, type Change, type ItemScope } from './results';
import type { PlannedStep } from './steps';
import { newerThan } from './watermarks';

export interface Plan {
	steps: PlannedStep[];
	result: ActionResult;
}

/** What the user part of a plan needs to know about the MFA side. */
export interface UserObservation {
	user?: MfaUser;
	/** Another user that already holds the username the plan would rename to. */
	usernameOwner?: MfaUser;
	/** This process's watermark for the user (epoch milliseconds). */
	remembered?: number;
	/** Groups of the intent's `groups` that exist and the user is not in yet. */
	joinable?: MfaGroup[];
}

/** What the provider cannot do, as far as planning a user goes; an empty object for none. */
export type UserLimits = Pick<MfaCapabilities, 'requiredOnCreate' | 'unsupported'>;

export const userIds = (user: MfaUser | undefined) =>
	user ? { username: user.username, userId: user.id } : {};

/** Why the intent's state is older than what was applied to the user; undefined when it is not. */
export function staleReason(intent: UserIntent, observed: UserObservation): string | undefined {
	if (!intent.ordering) return undefined;
	const newer = newerThan(intent.ordering.asOf, observed.user?.watermark, observed.remembered);
	if (!newer) return undefined;
	return `stale: the state in this event (as of ${intent.ordering.asOf}) is older than the state last applied to this user (as of ${newer})`;
}

function planCreate(
	intent: UserIntent,
	watermark: string | undefined,
	joinable: MfaGroup[],
	scope: ItemScope,
	limits: UserLimits,
): Plan {
	if (intent.remove || intent.create === 'no') {
		return { steps: [], result: targetNotFound(scope, 'user', intent.label) };
	}
	const cannotCreate = limits.unsupported?.createUser;
	if (cannotCreate) return { steps: [], result: { action: 'skipped', reason: cannotCreate } };
	if (intent.create === 'ifActive' && intent.status === 'disabled') {
		return {
			steps: [],
			result: {
				action: 'skipped',
				reason: intent.note ?? 'not created: the identity provider reports the user unable to sign in',
			},
		};
	}
	const username = intent.desired?.username;
	if (!intent.desired || !username) {
		return { steps: [], result: { action: 'skipped', reason: 'no username to create the user with' } };
	}
	const fields = createFields(intent.desired);
	const missing = (limits.requiredOnCreate ?? []).filter((field) => !fields[field]);
	if (missing.length > 0) {
		return {
			steps: [],
			result: {
				action: 'skipped',
				reason: `not created: ${scope.provider} needs ${missing.join(' and ')} to create a user, and the identity provider gave none`,
			},
		};
	}
	const status = intent.status === 'active' ? undefined : intent.status;
	const changes: Record<string, Change> = { username: { from: null, to: username } };
	for (const [field, value] of Object.entries(fields)) changes[field] = { from: null, to: value };
	if (status) changes.status = { from: null, to: status };
	const joins = joinSteps('new', joinable);
	for (const group of joinable) changes[`group:${group.name}`] = { from: false, to: true };
	return {
		steps: [{ op: 'createUser', user: { username, fields, status, watermark } }, ...joins],
		result: { action: 'created', username, changes, ...(intent.note ? { reason: intent.note } : {}) },
	};
}

function joinSteps(user: MfaUser | 'new', groups: MfaGroup[]): PlannedStep[] {
	return groups.map((group) => ({ op: 'addMember', user, group }));
}

/** Managed groups the user is in but the intent's groups do not list (Reconcile). */
function groupsToLeave(intent: UserIntent, user: MfaUser): MfaGroup[] {
	const managed = intent.managedGroup;
	if (!managed || !intent.groups) return [];
	const wanted = intent.groups;
	return user.groups.filter(
		(group) =>
			managed(group) &&
			!wanted.some(
				(w) => carriesMarker(group, w.markers) || group.name.toLowerCase() === w.name.toLowerCase(),
			),
	);
}

function assertUsernameFree(user: MfaUser, username: string, observed: UserObservation, scope: ItemScope) {
	const owner = observed.usernameOwner;
	if (owner && owner.id !== user.id) {
		throw new NodeOperationError(
			scope.node,
			`${scope.provider} user ${user.username} cannot be renamed to ${username}: another ${scope.provider} user (${owner.id}) has that username or alias`,
			{
				itemIndex: scope.itemIndex,
				description: `Merge or delete one of the two ${scope.provider} users, then run the item again`,
			},
		);
	}
}

function unchangedReason(intent: UserIntent, user: MfaUser, target: string | undefined): string | undefined {
	if (intent.note) return intent.note;
	if (target === 'disabled') return 'already disabled';
	if (target === 'active' && user.status !== 'active') return `status is ${user.statusLabel}`;
	return undefined;
}

/**
 * The writes that make the MFA user what the intent asks: create, delete, or change only the
 * profile fields and status that differ. A state older than the user's watermark changes nothing.
 */
export function planUser(
	intent: UserIntent,
	observed: UserObservation,
	scope: ItemScope,
	limits: UserLimits = {},
): Plan {
	const { user } = observed;
	const stale = staleReason(intent, observed);
	if (stale) return { steps: [], result: { action: 'unchanged', reason: stale, ...userIds(user) } };
	const watermark = intent.remember ? intent.ordering?.asOf : undefined;
	const joinable = intent.remove ? [] : (observed.joinable ?? []);
	if (!user) return planCreate(intent, watermark, joinable, scope, limits);
	const ids = userIds(user);
	if (intent.remove === 'delete') {
		return {
			steps: [{ op: 'deleteUser', user }],
			result: { action: 'deleted', ...ids, changes: { username: { from: user.username, to: null } } },
		};
	}
	const changes: UserChanges = {};
	let diff: Record<string, Change> = {};
	if (intent.updateProfile && intent.desired) {
		const profile = profileDiff(user, intent.desired);
		if (profile.changes.username && limits.unsupported?.rename) {
			delete profile.changes.username;
			delete profile.diff.username;
		}
		if (profile.changes.username) assertUsernameFree(user, profile.changes.username, observed, scope);
		Object.assign(changes, profile.changes);
		diff = profile.diff;
	}
	const target = intent.remove === 'disable' ? 'disabled' : intent.status;
	if (target === 'disabled' && user.status !== 'disabled') changes.status = 'disabled';
	else if (target === 'active' && user.status === 'disabled') changes.status = 'active';
	else if (target !== undefined && target !== 'active' && target !== 'disabled' && target !== user.statusLabel) {
		changes.status = target;
	}
	if (changes.status) diff.status = { from: user.statusLabel, to: changes.status };
	const anchorField = intent.desired?.anchor?.field;
	if (intent.anchorRidesAlong && anchorField && Object.keys(diff).length === 1 && diff[anchorField]) {
		delete diff[anchorField];
		delete changes.fields;
	}
	const writes = Object.keys(diff).length > 0;
	const leaving = groupsToLeave(intent, user);
	for (const group of joinable) diff[`group:${group.name}`] = { from: false, to: true };
	for (const group of leaving) diff[`group:${group.name}`] = { from: true, to: false };
	if (Object.keys(diff).length === 0) {
		const reason = unchangedReason(intent, user, target);
		return { steps: [], result: { action: 'unchanged', ...ids, ...(reason ? { reason } : {}) } };
	}
	const action =
		changes.status === 'disabled' ? 'disabled' : changes.status === 'active' ? 'enabled' : 'updated';
	return {
		steps: [
			...(writes ? [{ op: 'updateUser' as const, user, changes: { ...changes, ...(watermark ? { watermark } : {}) } }] : []),
			...joinSteps(user, joinable),
			...leaving.map((group) => ({ op: 'removeMember' as const, user, group })),
		],
		result: {
			action,
			...ids,
			...(changes.username ? { username: changes.username } : {}),
			changes: diff,
			...(intent.note ? { reason: intent.note } : {}),
		},
	};
}
