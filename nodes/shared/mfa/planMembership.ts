import { carriesMarker } from './anchors';
import type { MembershipIntent } from './intents';
import { planUser, userIds, type Plan, type UserLimits, type UserObservation } from './planUser';
import type { MfaGroup, MfaUser } from './port';
import { targetNotFound, type ActionResult, type ItemScope } from './results';
import type { GroupTarget, PlannedStep } from './steps';
import { newerThan } from './watermarks';

export interface MembershipObservation extends UserObservation {
	/** The group the membership is about, when it exists (looked up only when adding). */
	group?: MfaGroup;
	/** This process's watermark for this user's membership of this group. */
	rememberedMembership?: number;
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The group of the user's own group list that the intent names: by marker, then by name. */
export function currentMembership(user: MfaUser, intent: MembershipIntent): MfaGroup | undefined {
	return (
		user.groups.find((group) => carriesMarker(group, intent.group.markers)) ??
		(intent.group.name === undefined
			? undefined
			: user.groups.find((group) => sameName(group.name, intent.group.name as string)))
	);
}

function withUserPart(membership: Plan, userPlan: Plan, created: string[]): Plan {
	const steps = [...userPlan.steps, ...membership.steps];
	const result: ActionResult = { ...membership.result };
	const userResult = userPlan.result;
	if (userResult.action !== 'unchanged' && userResult.action !== 'created') {
		result.changes = { ...(userResult.changes ?? {}), ...(result.changes ?? {}) };
		if (result.action === 'unchanged') {
			result.action = userResult.action;
			result.reason = userResult.reason ?? result.reason;
		}
	}
	if (userResult.action === 'unchanged' && userResult.reason?.startsWith('stale')) {
		result.reason = result.reason ? `${result.reason}; ${userResult.reason}` : userResult.reason;
	}
	if (created.length > 0) result.created = created;
	return { steps, result };
}

/**
 * Adds the user to, or removes the user from, the group the intent names; a missing user is
 * created first when the intent allows it, and a missing group when groups may be created.
 */
export function planMembership(
	intent: MembershipIntent,
	observed: MembershipObservation,
	scope: ItemScope,
	limits: UserLimits = {},
): Plan {
	const userPlan = planUser(intent.user, observed, scope, limits);
	const creatingUser = userPlan.steps.some((step) => step.op === 'createUser');
	const user: MfaUser | 'new' | undefined = creatingUser ? 'new' : observed.user;
	if (!user) return userPlan;
	const ids = { ...userIds(observed.user), ...(creatingUser ? { username: userPlan.result.username } : {}) };
	const created = creatingUser ? ['user'] : [];
	const stale = intent.ordering
		? newerThan(intent.ordering.asOf, observed.rememberedMembership)
		: undefined;
	if (stale) {
		const reason = `stale: a newer change of this membership (as of ${stale}) was already applied`;
		return withUserPart({ steps: [], result: { action: 'unchanged', reason, ...ids } }, userPlan, created);
	}
	const note = intent.note ? { reason: intent.note } : {};
	if (!intent.member) {
		const current = user === 'new' ? undefined : currentMembership(user, intent);
		if (!current || user === 'new') {
			const reason = intent.note ?? 'not a member';
			return withUserPart({ steps: [], result: { action: 'unchanged', reason, ...ids } }, userPlan, created);
		}
		const group = { groupName: current.name, groupId: current.id };
		return withUserPart(
			{
				steps: [{ op: 'removeMember', user, group: current }],
				result: {
					action: 'group_removed',
					...ids,
					...group,
					...note,
					changes: { [`group:${current.name}`]: { from: true, to: false } },
				},
			},
			userPlan,
			created,
		);
	}
	const steps: PlannedStep[] = [];
	let target: GroupTarget | undefined = observed.group;
	const recreate = intent.createGroup && intent.group.name !== undefined
		? { name: intent.group.name, description: intent.group.markers[0] }
		: undefined;
	if (!target && recreate) {
		steps.push({ op: 'createGroup', group: recreate });
		target = { newGroup: recreate.name };
		created.push('group');
	}
	if (!target) {
		return withUserPart(
			{ steps: [], result: targetNotFound(scope, 'group', intent.group.label, ids) },
			userPlan,
			created,
		);
	}
	const group =
		'newGroup' in target ? { groupName: target.newGroup } : { groupName: target.name, groupId: target.id };
	const existing = target;
	if (user !== 'new' && !('newGroup' in existing) && user.groups.some((g) => g.id === existing.id)) {
		const reason = intent.note ?? 'already a member';
		return withUserPart(
			{ steps: [], result: { action: 'unchanged', reason, ...ids, ...group } },
			userPlan,
			created,
		);
	}
	steps.push({ op: 'addMember', user, group: target, recreate });
	return withUserPart(
		{
			steps,
			result: {
				action: 'group_added',
				...ids,
				...group,
				...note,
				changes: { [`group:${group.groupName}`]: { from: false, to: true } },
			},
		},
		userPlan,
		created,
	);
}
