import type {
	GroupEvent,
	IdentityEvent,
	IdentityUser,
	MembershipEvent,
	MfaResetEvent,
	UserEvent,
} from '../../shared/model';
import type { DuoDirectory } from '../client/DuoDirectory';
import { groupMarker, groupMarkers } from '../client/groupCache';
import type { DuoUser } from '../client/duoObjects';
import { targetNotFound, type ActionResult, type ItemScope } from './actionResult';
import type { ApplyOptions } from './applyOptions';
import { deleteGroup, ensureGroup, renameGroup } from './groupLifecycle';
import { joinGroup, removeMembership } from './membership';
import { resetEnrollment } from './resetEnrollment';
import { syncUser, userRefOf } from './syncUser';
import { createParams, createStatusFor } from './userProfile';
import { deleteUser, disableUser, enableUser } from './userStatus';

export type { ApplyOptions } from './applyOptions';

/** Usernames and alias values an event will look up, for the batched prefetch. */
export function eventLookupKeys(event: IdentityEvent, options: ApplyOptions): string[] {
	if (!('user' in event)) return [];
	const profile = options.desiredUser(event.user);
	return [profile.alias?.value, profile.username].filter((key): key is string => !!key);
}

async function findEventUser(directory: DuoDirectory, user: IdentityUser, options: ApplyOptions) {
	return await directory.findUser(userRefOf(options.desiredUser(user)));
}

/** Creates the Duo user for an IdP user that has a username; undefined when it has none. */
async function createFromIdentity(
	directory: DuoDirectory,
	user: IdentityUser,
	options: ApplyOptions,
	status?: string,
): Promise<DuoUser | undefined> {
	const profile = options.desiredUser(user);
	if (!profile.username) return undefined;
	return await directory.createUser(
		createParams({
			...profile,
			username: profile.username,
			status: status ?? createStatusFor(user),
		}),
	);
}

const userLabel = (user: IdentityUser) => user.login ?? user.email ?? user.id;

async function applyUserEvent(
	directory: DuoDirectory,
	scope: ItemScope,
	event: UserEvent,
	options: ApplyOptions,
): Promise<ActionResult> {
	if (event.type === 'user.created' || event.type === 'user.updated') {
		return await syncUser(directory, scope, options.desiredUser(event.user), {
			createStatus: createStatusFor(event.user),
		});
	}
	const user = await findEventUser(directory, event.user, options);
	if (!user) {
		if (event.type === 'user.reactivated') {
			const created = await createFromIdentity(directory, event.user, options, 'active');
			if (created)
				return {
					action: 'created',
					duoUserId: created.user_id,
					changes: { username: created.username },
				};
		}
		return targetNotFound(scope, 'user', userLabel(event.user));
	}
	switch (event.type) {
		case 'user.suspended':
		case 'user.deactivated':
			return await disableUser(directory, user);
		case 'user.reactivated':
			return await enableUser(directory, user);
		case 'user.deleted':
			return options.onUserDeleted === 'disable'
				? await disableUser(directory, user)
				: await deleteUser(directory, user);
	}
}

async function applyMfaReset(
	directory: DuoDirectory,
	scope: ItemScope,
	event: MfaResetEvent,
	options: ApplyOptions,
): Promise<ActionResult> {
	const skip = options.skipReset(event.mfa);
	if (skip) return { action: 'skipped', reason: skip };
	const user = await findEventUser(directory, event.user, options);
	if (!user) return targetNotFound(scope, 'user', userLabel(event.user));
	return await resetEnrollment(directory, user, {
		sendEnrollmentEmail: options.sendEnrollmentEmail,
	});
}

async function applyMembership(
	directory: DuoDirectory,
	scope: ItemScope,
	event: MembershipEvent,
	options: ApplyOptions,
): Promise<ActionResult> {
	const mapped = event.group.name === undefined ? undefined : options.groupName(event.group.name);
	if (mapped && 'skipped' in mapped) return { action: 'skipped', reason: mapped.skipped };
	const name = mapped?.name;
	const adding = event.type === 'group.member_added';
	const created: string[] = [];
	let user = await findEventUser(directory, event.user, options);
	if (!user && adding) {
		user = await createFromIdentity(directory, event.user, options);
		if (user) created.push('user');
	}
	if (!user) return targetNotFound(scope, 'user', userLabel(event.user));

	const marker = groupMarker(event.source.idp, event.group.id);
	if (!adding) {
		// Only a group the user is in can be left: its own group list answers without a lookup.
		const current = (user.groups ?? []).find(
			(g) =>
				groupMarkers(g.desc).includes(marker) ||
				(name !== undefined && g.name.toLowerCase() === name.toLowerCase()),
		);
		if (!current) return { action: 'unchanged', reason: 'not a member', duoUserId: user.user_id };
		return await removeMembership(directory, user, current);
	}
	const outcome = await joinGroup(directory, user, {
		find: { marker, name },
		create: options.createMissingGroups && name ? { name, desc: marker } : undefined,
	});
	if (outcome.created) created.push('group');
	if (!outcome.group) {
		return targetNotFound(scope, 'group', name ?? event.group.id, { duoUserId: user.user_id });
	}
	const ids = { duoUserId: user.user_id, duoGroupId: outcome.group.group_id };
	const result: ActionResult = outcome.added
		? { action: 'group_added', ...ids, changes: { group: outcome.group.name } }
		: { action: 'unchanged', reason: 'already a member', ...ids };
	if (created.length > 0) result.changes = { ...(result.changes ?? {}), created };
	return result;
}

async function applyGroupEvent(
	directory: DuoDirectory,
	scope: ItemScope,
	event: GroupEvent,
	options: ApplyOptions,
): Promise<ActionResult> {
	const mapped = event.group.name === undefined ? undefined : options.groupName(event.group.name);
	if (mapped && 'skipped' in mapped) return { action: 'skipped', reason: mapped.skipped };
	const name = mapped?.name;
	const marker = groupMarker(event.source.idp, event.group.id);
	switch (event.type) {
		case 'group.created':
			if (!name) return { action: 'skipped', reason: 'the event has no group name' };
			return await ensureGroup(directory, { name, marker });
		case 'group.renamed': {
			if (!name) return { action: 'skipped', reason: 'the event has no group name' };
			const previous = event.group.previousName;
			const previousMapped = previous === undefined ? undefined : options.groupName(previous);
			return await renameGroup(directory, scope, {
				find: {
					marker,
					name: previousMapped && 'name' in previousMapped ? previousMapped.name : previous,
				},
				newName: name,
				marker,
			});
		}
		case 'group.deleted':
			return await deleteGroup(directory, scope, { marker, name });
	}
}

async function dispatch(
	directory: DuoDirectory,
	scope: ItemScope,
	event: IdentityEvent,
	options: ApplyOptions,
): Promise<ActionResult> {
	switch (event.type) {
		case 'user.created':
		case 'user.updated':
		case 'user.suspended':
		case 'user.reactivated':
		case 'user.deactivated':
		case 'user.deleted':
			return await applyUserEvent(directory, scope, event, options);
		case 'user.mfa_reset':
			return await applyMfaReset(directory, scope, event, options);
		case 'group.member_added':
		case 'group.member_removed':
			return await applyMembership(directory, scope, event, options);
		case 'group.created':
		case 'group.renamed':
		case 'group.deleted':
			return await applyGroupEvent(directory, scope, event, options);
		case 'sync.events_missed':
			return {
				action: 'skipped',
				reason: `the identity provider reports missed events (${event.notice.reason}); nothing to apply`,
			};
	}
}

/** Does in Duo what a normalized identity event means. */
export async function applyIdentityEvent(
	directory: DuoDirectory,
	scope: ItemScope,
	event: IdentityEvent,
	options: ApplyOptions,
): Promise<ActionResult> {
	const result = await dispatch(directory, scope, event, options);
	return { ...result, eventId: event.id, eventType: event.type };
}
