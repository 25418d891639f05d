import { executePlan, type Execution } from './execute';
import type { GroupIntent, Intent, UserIntent } from './intents';
import { planGroup } from './planGroup';
import { planGroupSet, type GroupSetIntent } from './planGroupSet';
import { planMembership } from './planMembership';
import { planReset } from './planReset';
import { planUser, type Plan, type UserObservation } from './planUser';
import { readAgain, readBeforeOthersWrote, withLock, wrote } from './locks';
import { carriesMarker } from './anchors';
import type { MfaDirectory, MfaGroup, MfaUser, UserNeeds, UserRef } from './port';
import { rememberedUsername, rememberUsername } from './usernameMemory';
import { targetNotFound, type ActionResult, type ItemScope } from './results';
import type { PlannedStep } from './steps';
import { remember, rememberedAt } from './watermarks';

export type RunnableIntent = Intent | GroupSetIntent;

export interface Outcome {
	result: ActionResult;
	/** The plan that was executed (in a dry run: that would be). */
	steps: PlannedStep[];
}

/** The groups of the intent's `groups` that exist and the user is not in yet. */
async function joinableGroups(port: MfaDirectory, intent: UserIntent, user: MfaUser | undefined): Promise<MfaGroup[]> {
	const joinable: MfaGroup[] = [];
	for (const wanted of intent.groups ?? []) {
		const named = (group: MfaGroup) =>
			carriesMarker(group, wanted.markers) || group.name.toLowerCase() === wanted.name.toLowerCase();
		if (user?.groups.some(named) || joinable.some(named)) continue;
		const group = await port.findGroup({ markers: wanted.markers, name: wanted.name });
		if (group && !user?.groups.some((g) => g.id === group.id)) joinable.push(group);
	}
	return joinable;
}

/**
 * The user the intent names. Where the provider keeps no IdP user id, a user the event names by no
 * username (or by a username it no longer has) is found by the username this process last matched
 * the IdP user to.
 */
async function findIntentUser(port: MfaDirectory, intent: UserIntent, needs: UserNeeds = {}): Promise<MfaUser | undefined> {
	const anchor = port.capabilities.anchorFields.length === 0 ? intent.idpAnchor : undefined;
	let user = await port.findUser(intent.ref, needs);
	if (!user && anchor) {
		const username = rememberedUsername(port.accountKey, anchor);
		if (username && username !== intent.ref.username) user = await port.findUser({ username }, needs);
	}
	// What was read, so also in a dry run; a user a dry run only planned is not.
	if (user && anchor && !user.id.startsWith('planned:')) rememberUsername(port.accountKey, anchor, user.username);
	return user;
}

/** The user as the plan needs it: with its groups when the plan compares them (`memberships`, IdP-reported groups). */
async function observeUser(port: MfaDirectory, intent: UserIntent, memberships = false): Promise<UserObservation> {
	const { capabilities } = port;
	const joining = capabilities.groups && (intent.groups?.length ?? 0) > 0;
	const user = await findIntentUser(port, intent, { groups: memberships || joining });
	const username = intent.desired?.username;
	const renaming =
		intent.updateProfile && user && username !== undefined && username !== user.username && !capabilities.unsupported?.rename;
	return {
		user,
		usernameOwner: renaming ? await port.findUser({ username }) : undefined,
		remembered: intent.ordering ? rememberedAt(port.accountKey, 'user', intent.ordering.subject) : undefined,
		joinable: joining ? await joinableGroups(port, intent, user) : [],
	};
}

function rememberUser(port: MfaDirectory, intent: UserIntent): void {
	if (intent.remember && intent.ordering) {
		remember(port.accountKey, 'user', intent.ordering.subject, intent.ordering.asOf);
	}
}

async function findGroupForIntent(port: MfaDirectory, intent: GroupIntent): Promise<MfaGroup | undefined> {
	if (intent.query) return await port.findGroup(intent.query, { markerFirst: true });
	switch (intent.op) {
		case 'ensure':
			return await port.findGroup({ markers: intent.markers, name: intent.name }, { markerFirst: true });
		case 'rename':
			return (
				(await port.findGroup({ markers: intent.markers, name: intent.previousName }, { markerFirst: true })) ??
				(intent.name === undefined ? undefined : await port.findGroup({ name: intent.name }))
			);
		case 'delete':
			return await port.findGroup({ markers: intent.markers });
	}
}

/** Observes what the intent needs and plans its writes, without writing. */
export async function planIntent(port: MfaDirectory, scope: ItemScope, intent: RunnableIntent): Promise<Plan> {
	const account = port.accountKey;
	switch (intent.kind) {
		case 'skip':
			return { steps: [], result: { action: intent.action, reason: intent.reason } };
		case 'user':
			return planUser(intent, await observeUser(port, intent), scope, port.capabilities);
		case 'membership': {
			const observed = await observeUser(port, intent.user, true);
			const group = intent.member ? await port.findGroup(intent.group.query) : undefined;
			const rememberedMembership = intent.ordering
				? rememberedAt(account, 'membership', intent.ordering.subject)
				: undefined;
			return planMembership(intent, { ...observed, group, rememberedMembership }, scope, port.capabilities);
		}
		case 'reset': {
			const user = await findIntentUser(port, intent.user);
			const ordering = intent.ordering;
			const applied = ordering?.eventId
				? rememberedAt(account, 'reset', `event ${ordering.eventId}`) !== undefined
				: false;
			return planReset(
				intent,
				{
					user,
					devices: user && !applied ? await port.listDevices(user) : [],
					emailSent: user ? rememberedAt(account, 'enrollmentEmail', user.id) !== undefined : false,
					remembered: ordering ? rememberedAt(account, 'reset', ordering.subject) : undefined,
					applied,
				},
				port.capabilities,
				scope,
			);
		}
		case 'group': {
			const remembered = intent.ordering ? rememberedAt(account, 'group', intent.ordering.subject) : undefined;
			return planGroup(intent, { group: await findGroupForIntent(port, intent), remembered }, scope);
		}
		case 'groupSet':
			throw new Error('A Sync Groups intent runs through runGroupSet');
	}
}

function rememberApplied(port: MfaDirectory, intent: RunnableIntent, plan: Plan): void {
	const account = port.accountKey;
	for (const step of plan.steps) {
		if (step.op === 'sendEnrollment') remember(account, 'enrollmentEmail', step.user.id, new Date().toISOString());
	}
	switch (intent.kind) {
		case 'user':
			rememberUser(port, intent);
			break;
		case 'membership':
			rememberUser(port, intent.user);
			if (intent.ordering) remember(account, 'membership', intent.ordering.subject, intent.ordering.asOf);
			break;
		case 'reset':
			if (intent.ordering) {
				remember(account, 'reset', intent.ordering.subject, intent.ordering.asOf);
				if (intent.ordering.eventId) {
					remember(account, 'reset', `event ${intent.ordering.eventId}`, intent.ordering.asOf);
				}
			}
			break;
		case 'group':
			if (intent.ordering) remember(account, 'group', intent.ordering.subject, intent.ordering.asOf);
			break;
		default:
			break;
	}
}

const goneLabel = (intent: RunnableIntent, execution: Execution): string =>
	intent.kind === 'membership' ? intent.group.label : execution.goneGroups[0];

/** The result as the execution left it: ids of what was created, groups found gone. */
function settle(
	plan: Plan,
	execution: Execution,
	intent: RunnableIntent,
	scope: ItemScope,
): ActionResult {
	const result = { ...plan.result };
	if (execution.createdUser) {
		result.userId = execution.createdUser.id;
		result.username ??= execution.createdUser.username;
	}
	const groupName = result.groupName;
	if (groupName && result.groupId === undefined) {
		const created = execution.createdGroups.get(groupName.toLowerCase());
		if (created) result.groupId = created.id;
	}
	if (execution.reachedGroup && intent.kind !== 'groupSet') result.groupId = execution.reachedGroup.id;
	if (execution.existed.length > 0) result.existedAlready = execution.existed;
	if (execution.recreatedGroups.length > 0 && intent.kind === 'membership') {
		result.created = [...new Set([...((result.created as string[] | undefined) ?? []), 'group'])];
	}
	if (execution.goneGroups.length > 0 && intent.kind !== 'groupSet') {
		const ids = { username: result.username, userId: result.userId, groupName: result.groupName };
		return targetNotFound(scope, 'group', goneLabel(intent, execution), ids);
	}
	return result;
}

function userRefOf(intent: RunnableIntent): UserRef | undefined {
	if (intent.kind === 'user') return intent.ref;
	if (intent.kind === 'membership' || intent.kind === 'reset') return intent.user.ref;
	return undefined;
}

/** What the intent changes, as a lock key: its user, else its group. */
function lockKey(port: MfaDirectory, intent: RunnableIntent): string | undefined {
	const ref = userRefOf(intent);
	const subject = ref ? (ref.id ?? ref.anchors?.[0] ?? ref.username) : intent.kind === 'group' ? (intent.markers[0] ?? intent.name) : undefined;
	return subject === undefined ? undefined : `${port.accountKey}\u0000${ref ? 'user' : 'group'}\u0000${subject.toLowerCase()}`;
}

/**
 * Observes what the intent needs, plans the writes (pure), executes them through the port, and
 * remembers what was applied. Executions of this process that change the same user or group take
 * turns, the later one reading the object again. In a dry run the port only records the writes.
 */
export async function runIntent(port: MfaDirectory, scope: ItemScope, intent: RunnableIntent): Promise<Outcome> {
	const key = port.dryRun ? undefined : lockKey(port, intent);
	const run = async (): Promise<Outcome> => {
		const ref = userRefOf(intent);
		if (key && ref && readBeforeOthersWrote(port, key)) {
			await port.refreshUser(ref);
			readAgain(port, key);
		}
		const plan = await planIntent(port, scope, intent);
		const execution = await executePlan(port, plan.steps);
		if (!port.dryRun) rememberApplied(port, intent, plan);
		if (key && plan.steps.length > 0) wrote(port, key);
		return { result: settle(plan, execution, intent, scope), steps: plan.steps };
	};
	return key === undefined ? await run() : await withLock(key, run);
}

/** Sync Groups for a user the item already found. */
export async function runGroupSet(
	port: MfaDirectory,
	scope: ItemScope,
	intent: GroupSetIntent,
	user: NonNullable<UserObservation['user']>,
): Promise<Outcome> {
	const groups = new Map<string, MfaGroup>();
	if (intent.mode !== 'remove') {
		for (const name of intent.names) {
			const group = await port.findGroup({ name });
			if (group) groups.set(name.toLowerCase(), group);
		}
	}
	const plan = planGroupSet(intent, { user, groups });
	const execution = await executePlan(port, plan.steps);
	const result = settle(plan, execution, intent, scope);
	const report = result.groups as { added: string[]; removed: string[]; missing: string[]; created: string[] };
	if (execution.goneGroups.length > 0) {
		const gone = new Set(execution.goneGroups.map((name) => name.toLowerCase()));
		report.added = report.added.filter((name) => !gone.has(name.toLowerCase()));
		report.missing.push(...execution.goneGroups);
		if (report.added.length + report.removed.length === 0) {
			result.action = 'unchanged';
			delete result.changes;
		}
	}
	report.created.push(...execution.recreatedGroups);
	return { result, steps: plan.steps };
}
