// The directory behind the fake Microsoft Graph: users (with soft delete), groups and members, and a
// change log that serves delta queries and tells the subscription side what to notify about.
'use strict';

const { randomUUID } = require('node:crypto');

const USER_PROPERTIES = ['id', 'userPrincipalName', 'mail', 'givenName', 'surname', 'displayName', 'accountEnabled', 'createdDateTime', 'jobTitle', 'department', 'mobilePhone', 'employeeId', 'onPremisesSamAccountName'];
const GROUP_PROPERTIES = ['id', 'displayName', 'description', 'createdDateTime', 'mailEnabled', 'securityEnabled', 'groupTypes'];

/**
 * @typedef {{kind: 'users'|'groups', changeType: 'updated'|'deleted', id: string,
 *   membersDelta?: Array<{id: string, '@removed'?: string}>}} ChangeSpec
 */

function createDirectory(seed = {}) {
	const users = new Map();
	const deletedUsers = new Map();
	const groups = new Map();
	const deletedGroups = new Map();
	/** @type {Map<string, Set<string>>} */
	const members = new Map();
	/** @type {Array<{seq: number, kind: 'users'|'groups', id: string, removed?: 'changed'|'deleted', member?: {id: string, removed: boolean}}>} */
	const log = [];
	let seq = 0;
	const record = (entry) => { log.push({ seq: ++seq, ...entry }); };
	const now = () => new Date().toISOString();

	function putUser(input) {
		const id = input.id ?? randomUUID();
		const user = { businessPhones: [], jobTitle: null, department: null, mobilePhone: null, employeeId: null, onPremisesSamAccountName: null, accountEnabled: true, createdDateTime: now(), ...input, id };
		user.displayName ??= [user.givenName, user.surname].filter(Boolean).join(' ') || user.userPrincipalName;
		user.mail ??= user.userPrincipalName ?? null;
		users.set(id, user);
		return user;
	}
	function putGroup(input) {
		const id = input.id ?? randomUUID();
		const group = { description: null, mailEnabled: false, securityEnabled: true, groupTypes: [], createdDateTime: now(), ...input, id };
		groups.set(id, group);
		if (!members.has(id)) members.set(id, new Set());
		return group;
	}
	for (const user of seed.users ?? []) putUser(user);
	for (const group of seed.groups ?? []) putGroup(group);
	for (const [groupId, userIds] of Object.entries(seed.members ?? {})) {
		if (!members.has(groupId)) members.set(groupId, new Set());
		for (const userId of userIds) members.get(groupId).add(userId);
	}

	/** @returns {ChangeSpec[]} */
	const updated = (kind, id, extra = {}) => [{ kind, changeType: 'updated', id, ...extra }];

	/** A deleted user leaves every group: one membership change per group, as Graph reports it. */
	function leaveAllGroups(userId) {
		const changes = [];
		for (const [groupId, set] of members) {
			if (!set.delete(userId)) continue;
			record({ kind: 'groups', id: groupId, member: { id: userId, removed: true } });
			changes.push(...updated('groups', groupId, { membersDelta: [{ '@odata.type': '#microsoft.graph.user', id: userId, '@removed': 'deleted' }] }));
		}
		return changes;
	}

	return {
		users, deletedUsers, groups, deletedGroups, members,
		USER_PROPERTIES, GROUP_PROPERTIES,
		/** @returns {{user: object, changes: ChangeSpec[]}} */
		createUser(input) { const user = putUser({ createdDateTime: now(), ...input }); record({ kind: 'users', id: user.id }); return { user, changes: updated('users', user.id) }; },
		updateUser(id, patch) {
			const user = users.get(id);
			if (!user) throw new Error(`no user ${id}`);
			Object.assign(user, patch);
			record({ kind: 'users', id });
			return { user, changes: updated('users', id) };
		},
		/** Moves the user to deleted items; Graph notifies this as `updated`. */
		softDeleteUser(id) {
			const user = users.get(id);
			if (!user) throw new Error(`no user ${id}`);
			users.delete(id);
			deletedUsers.set(id, { ...user, deletedDateTime: now() });
			record({ kind: 'users', id, removed: 'changed' });
			return { changes: [...updated('users', id), ...leaveAllGroups(id)] };
		},
		restoreUser(id) {
			const user = deletedUsers.get(id);
			if (!user) throw new Error(`no deleted user ${id}`);
			deletedUsers.delete(id);
			delete user.deletedDateTime;
			users.set(id, user);
			record({ kind: 'users', id });
			return { user, changes: updated('users', id) };
		},
		/** Permanent deletion: the only case Graph notifies as `deleted`. */
		hardDeleteUser(id) {
			users.delete(id);
			deletedUsers.delete(id);
			record({ kind: 'users', id, removed: 'deleted' });
			return { changes: [{ kind: 'users', changeType: 'deleted', id }, ...leaveAllGroups(id)] };
		},
		createGroup(input) { const group = putGroup({ createdDateTime: now(), ...input }); record({ kind: 'groups', id: group.id }); return { group, changes: updated('groups', group.id) }; },
		updateGroup(id, patch) {
			const group = groups.get(id);
			if (!group) throw new Error(`no group ${id}`);
			Object.assign(group, patch);
			record({ kind: 'groups', id });
			return { group, changes: updated('groups', id) };
		},
		/** Moves a Microsoft 365 group to deleted items; Graph notifies this as `updated`. */
		softDeleteGroup(id) {
			const group = groups.get(id);
			if (!group) throw new Error(`no group ${id}`);
			groups.delete(id);
			members.delete(id);
			deletedGroups.set(id, { ...group, deletedDateTime: now() });
			record({ kind: 'groups', id, removed: 'changed' });
			return { changes: updated('groups', id) };
		},
		/** Permanent deletion (security groups are never soft-deleted): notified as `deleted`. */
		deleteGroup(id) {
			groups.delete(id);
			deletedGroups.delete(id);
			members.delete(id);
			record({ kind: 'groups', id, removed: 'deleted' });
			return { changes: [{ kind: 'groups', changeType: 'deleted', id }] };
		},
		addMember(groupId, userId) {
			if (!groups.has(groupId)) throw new Error(`no group ${groupId}`);
			members.get(groupId).add(userId);
			record({ kind: 'groups', id: groupId, member: { id: userId, removed: false } });
			return { changes: updated('groups', groupId, { membersDelta: [{ '@odata.type': '#microsoft.graph.user', id: userId }] }) };
		},
		removeMember(groupId, userId) {
			members.get(groupId)?.delete(userId);
			record({ kind: 'groups', id: groupId, member: { id: userId, removed: true } });
			return { changes: updated('groups', groupId, { membersDelta: [{ '@odata.type': '#microsoft.graph.user', id: userId, '@removed': 'deleted' }] }) };
		},
		/** The delta of one collection since `token` (undefined = full initial sync), and the next token. */
		delta(kind, token) {
			const collection = kind === 'users' ? users : groups;
			if (token === undefined) {
				const items = [...collection.values()].map((item) => ({ item, members: kind === 'groups' ? [...(members.get(item.id) ?? [])].map((id) => ({ '@odata.type': '#microsoft.graph.user', id })) : undefined }));
				return { entries: items, next: seq };
			}
			const byId = new Map();
			for (const change of log.filter((c) => c.kind === kind && c.seq > token)) {
				const entry = byId.get(change.id) ?? { id: change.id, members: [] };
				if (change.removed) entry.removed = change.removed;
				else delete entry.removed;
				if (change.member) entry.members.push(change.member.removed ? { '@odata.type': '#microsoft.graph.user', id: change.member.id, '@removed': { reason: 'deleted' } } : { '@odata.type': '#microsoft.graph.user', id: change.member.id });
				byId.set(change.id, entry);
			}
			const entries = [...byId.values()].map((entry) => {
				if (entry.removed) return { removed: { id: entry.id, '@removed': { reason: entry.removed } } };
				const item = collection.get(entry.id);
				return item ? { item, members: kind === 'groups' ? entry.members : undefined } : { removed: { id: entry.id, '@removed': { reason: 'deleted' } } };
			});
			return { entries, next: seq };
		},
	};
}

module.exports = { createDirectory };
