import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { mapWithConcurrency } from '../../shared/http/concurrency';
import { DUO_CREDENTIAL, duoApiRequest, duoApiRequestAllItems } from '../transport/request';
import type { RetryPolicy } from '../transport/retryPolicy';
import type {
	DuoBypassCode,
	DuoGroup,
	DuoPhone,
	DuoToken,
	DuoU2fToken,
	DuoUser,
	DuoWebauthnCredential,
} from './duoObjects';
import { groupMarkers } from './groupCache';
import { GroupDirectory, isPlannedId, type GroupQuery } from './groupDirectory';
import { GROUPS_PAGE } from './groupListing';
import type { SnapshotStore } from './groupSnapshot';
import { lookupBatches, uniqueKeys } from './lookupBatches';
import type { PlannedWrite } from './plannedWrite';
import { UserCache } from './userCache';
import { applyUserChanges, refreshEnrolled, type UserChanges } from './userPatch';

const USERS_PAGE = 300;
const PARALLEL_LOOKUPS = 4;

export type { UserChanges } from './userPatch';
export type { GroupQuery } from './groupDirectory';

export interface DirectoryOptions {
	/**
	 * In a dry run, writes are recorded and answered as if they had succeeded, without reaching
	 * Duo; reads still happen.
	 */
	dryRun?: boolean;
	/** How long the group directory is kept in the workflow's static data; 0 (default) keeps none. */
	groupCacheMaxAgeMinutes?: number;
}

export interface UserRef {
	/** Duo user id. */
	id?: string;
	/** An alias value (the IdP's immutable user id): looked up first. */
	alias?: string;
	/** A username (Duo also matches it against aliases). */
	username?: string;
}

export interface WriteOutcome<T> {
	response?: T;
	replayed?: 'notFound' | 'duplicate';
	/** The write named a group that Duo no longer has (see DuoRequestOptions.groupMayBeGone). */
	groupGone?: boolean;
}

/** Where a group write ended: on the group it reached, or nowhere because the group is gone. */
type GroupWriteResult<T> = { group: DuoGroup; outcome: WriteOutcome<T> } | undefined;

const segment = (value: string) => encodeURIComponent(value);

/**
 * The Duo directory as one execution sees it. Reads are cached for the execution: users are
 * fetched in batches (`username_list`, `user_id_list`) before items run, groups through the
 * GroupDirectory (at most one listing, or a snapshot kept from an earlier execution). Every write
 * goes through `write`, and the caches are updated after each write so later items see the new
 * state without reading again.
 */
export class DuoDirectory {
	readonly users = new UserCache();

	readonly groups: GroupDirectory;

	readonly writes: PlannedWrite[] = [];

	readonly dryRun: boolean;

	private readonly bypassCodesByUser = new Map<string, DuoBypassCode[]>();

	/** In a dry run: users this execution would have deleted, so later reads do not revive them. */
	private readonly deletedUsers = new Set<string>();

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly retry: RetryPolicy,
		options: DirectoryOptions = {},
	) {
		this.dryRun = options.dryRun === true;
		const maxAgeMs = Math.max(0, (options.groupCacheMaxAgeMinutes ?? 0) * 60_000);
		this.groups = new GroupDirectory(ctx, retry, {
			dryRun: this.dryRun,
			seen: () => this.embeddedGroups(),
			store: async (): Promise<SnapshotStore> => {
				const credentials = await ctx.getCredentials(DUO_CREDENTIAL);
				return {
					staticData: ctx.getWorkflowStaticData('node'),
					host: String(credentials.apiHostname ?? '')
						.trim()
						.toLowerCase(),
					maxAgeMs,
				};
			},
		});
	}

	/**
	 * The one way this node changes Duo. `replayed` reports a retried write whose earlier attempt had
	 * already taken effect (see DuoRequestOptions.replaySafe). In a dry run the write is only
	 * recorded, and answered with no response: callers then derive the new state themselves.
	 */
	async write<T>(
		plan: PlannedWrite,
		options: { groupMayBeGone?: boolean } = {},
	): Promise<WriteOutcome<T>> {
		this.writes.push(plan);
		if (this.dryRun) return {};
		const result = await duoApiRequest<T>(this.ctx, plan.method, plan.path, plan.params, {
			retry: this.retry,
			replaySafe: true,
			groupMayBeGone: options.groupMayBeGone,
		});
		return { response: result?.response, replayed: result?.replayed, groupGone: result?.groupGone };
	}

	/**
	 * Sends a write that names `group`. When Duo answers that the group does not exist, the group id
	 * was out of date: the groups are listed afresh, the group is found again (by `requery`, else by
	 * its marker and name), and the write is sent once more. Undefined when the group no longer
	 * exists.
	 */
	private async groupWrite<T>(
		group: DuoGroup,
		plan: (group: DuoGroup) => PlannedWrite,
		requery?: GroupQuery,
	): Promise<GroupWriteResult<T>> {
		const outcome = await this.write<T>(plan(group), { groupMayBeGone: true });
		if (!outcome.groupGone) return { group, outcome };
		this.forgetGroup(group.group_id);
		await this.groups.refresh();
		const again = await this.groups.find(
			requery ?? { marker: groupMarkers(group.desc)[0], name: group.name },
			{ markerFirst: true },
		);
		if (!again) return undefined;
		return { group: again, outcome: await this.write<T>(plan(again)) };
	}

	private *embeddedGroups(): Iterable<DuoGroup> {
		for (const user of this.users.users()) yield* user.groups ?? [];
	}

	/** Removes a group from the cached users that are members of it. */
	private forgetGroup(groupId: string): void {
		for (const user of this.users.users()) {
			user.groups = (user.groups ?? []).filter((g) => g.group_id !== groupId);
		}
	}

	/**
	 * Fetches, in as few calls as possible, every user matching the given usernames/aliases and
	 * user ids that this execution has not asked about yet.
	 */
	async prefetchUsers(lookup: { keys?: Iterable<string>; ids?: Iterable<string> }): Promise<void> {
		const keys = uniqueKeys(lookup.keys, (key) => this.users.hasAskedKey(key));
		const ids = uniqueKeys(lookup.ids, (id) => this.users.hasAskedId(id));
		const batches = [
			...lookupBatches(keys).map((chunk) => ({ param: 'username_list', chunk })),
			...lookupBatches(ids).map((chunk) => ({ param: 'user_id_list', chunk })),
		];
		const pages = await mapWithConcurrency(batches, PARALLEL_LOOKUPS, async ({ param, chunk }) =>
			duoApiRequestAllItems<DuoUser>(
				this.ctx,
				'/admin/v1/users',
				{ [param]: JSON.stringify(chunk) },
				{ pageSize: USERS_PAGE, retry: this.retry },
			),
		);
		pages.forEach((users, index) => {
			for (const user of users) if (!this.deletedUsers.has(user.user_id)) this.putUser(user);
			const { param, chunk } = batches[index];
			if (param === 'username_list') this.users.markAskedKeys(chunk);
			else this.users.markAskedIds(chunk);
		});
	}

	/** Finds a user by id, else by alias, else by username; undefined when Duo has none. */
	async findUser(ref: UserRef): Promise<DuoUser | undefined> {
		await this.prefetchUsers({
			keys: [ref.alias, ref.username].filter((key): key is string => !!key),
			ids: ref.id ? [ref.id] : [],
		});
		if (ref.id) return this.users.byUserId(ref.id) ?? undefined;
		if (ref.alias) {
			const byAlias = this.users.byAliasKey(ref.alias);
			if (byAlias) return byAlias;
		}
		if (ref.username) return this.users.byKey(ref.username) ?? undefined;
		return undefined;
	}

	private putUser(user: DuoUser): DuoUser {
		for (const group of user.groups ?? []) this.groups.cache.put(group);
		return this.users.put(user);
	}

	/** The user's bypass codes (not part of the user object), read once per user and execution. */
	async bypassCodes(user: DuoUser): Promise<DuoBypassCode[]> {
		if (isPlannedId(user.user_id)) return [];
		let codes = this.bypassCodesByUser.get(user.user_id);
		if (!codes) {
			codes = await duoApiRequestAllItems<DuoBypassCode>(
				this.ctx,
				`/admin/v1/users/${segment(user.user_id)}/bypass_codes`,
				{},
				{ pageSize: 500, retry: this.retry },
			);
			this.bypassCodesByUser.set(user.user_id, codes);
		}
		return codes;
	}

	async createUser(params: UserChanges): Promise<DuoUser> {
		const outcome = await this.write<DuoUser>({
			method: 'POST',
			path: '/admin/v1/users',
			params,
			target: { kind: 'user', name: params.username },
			after: params,
		});
		let created = outcome.response;
		if (!created && outcome.replayed === 'duplicate' && params.username) {
			const found = await duoApiRequest<DuoUser[]>(
				this.ctx,
				'GET',
				'/admin/v1/users',
				{ username: params.username },
				{ retry: this.retry },
			);
			created = found?.response[0];
		}
		return this.putUser(
			created ??
				({ user_id: `planned:${params.username}`, status: 'active', ...params } as DuoUser),
		);
	}

	async updateUser(user: DuoUser, changes: UserChanges, before: IDataObject): Promise<DuoUser> {
		const { response: updated } = await this.write<DuoUser>({
			method: 'POST',
			path: `/admin/v1/users/${segment(user.user_id)}`,
			params: changes,
			target: { kind: 'user', id: user.user_id, name: user.username },
			before,
			after: changes,
		});
		return this.putUser(updated ?? applyUserChanges(user, changes));
	}

	async deleteUser(user: DuoUser): Promise<void> {
		await this.write({
			method: 'DELETE',
			path: `/admin/v1/users/${segment(user.user_id)}`,
			params: {},
			target: { kind: 'user', id: user.user_id, name: user.username },
			before: { username: user.username, status: user.status },
		});
		this.users.remove(user.user_id);
		if (this.dryRun) this.deletedUsers.add(user.user_id);
	}

	/**
	 * Adds the user to the group; returns the group it was added to (found again when the id was out
	 * of date), or undefined when the group no longer exists in Duo.
	 */
	async addToGroup(user: DuoUser, group: DuoGroup): Promise<DuoGroup | undefined> {
		const result = await this.groupWrite(group, (target) => ({
			method: 'POST',
			path: `/admin/v1/users/${segment(user.user_id)}/groups`,
			params: { group_id: target.group_id },
			target: { kind: 'membership', id: user.user_id, name: `${user.username} → ${target.name}` },
			after: { group: target.name },
		}));
		if (!result) return undefined;
		if (!(user.groups ?? []).some((g) => g.group_id === result.group.group_id)) {
			user.groups = [...(user.groups ?? []), result.group];
		}
		return result.group;
	}

	async removeFromGroup(user: DuoUser, group: DuoGroup): Promise<void> {
		await this.write({
			method: 'DELETE',
			path: `/admin/v1/users/${segment(user.user_id)}/groups/${segment(group.group_id)}`,
			params: {},
			target: { kind: 'membership', id: user.user_id, name: `${user.username} → ${group.name}` },
			before: { group: group.name },
		});
		user.groups = (user.groups ?? []).filter((g) => g.group_id !== group.group_id);
	}

	async removePhone(user: DuoUser, phone: DuoPhone): Promise<void> {
		await this.removeDevice(
			user,
			`/admin/v1/users/${segment(user.user_id)}/phones/${segment(phone.phone_id)}`,
			phone.phone_id,
		);
		user.phones = (user.phones ?? []).filter((p) => p.phone_id !== phone.phone_id);
		refreshEnrolled(user);
	}

	async removeToken(user: DuoUser, token: DuoToken): Promise<void> {
		await this.removeDevice(
			user,
			`/admin/v1/users/${segment(user.user_id)}/tokens/${segment(token.token_id)}`,
			token.token_id,
		);
		user.tokens = (user.tokens ?? []).filter((t) => t.token_id !== token.token_id);
		refreshEnrolled(user);
	}

	async removeWebauthn(user: DuoUser, credential: DuoWebauthnCredential): Promise<void> {
		await this.removeDevice(
			user,
			`/admin/v1/webauthncredentials/${segment(credential.webauthnkey)}`,
			credential.webauthnkey,
		);
		user.webauthncredentials = (user.webauthncredentials ?? []).filter(
			(c) => c.webauthnkey !== credential.webauthnkey,
		);
		refreshEnrolled(user);
	}

	async removeU2f(user: DuoUser, token: DuoU2fToken): Promise<void> {
		await this.removeDevice(
			user,
			`/admin/v1/u2ftokens/${segment(token.registration_id)}`,
			token.registration_id,
		);
		user.u2ftokens = (user.u2ftokens ?? []).filter(
			(t) => t.registration_id !== token.registration_id,
		);
		refreshEnrolled(user);
	}

	async deleteBypassCode(user: DuoUser, code: DuoBypassCode): Promise<void> {
		await this.removeDevice(
			user,
			`/admin/v1/bypass_codes/${segment(code.bypass_code_id)}`,
			code.bypass_code_id,
		);
		const codes = this.bypassCodesByUser.get(user.user_id) ?? [];
		this.bypassCodesByUser.set(
			user.user_id,
			codes.filter((c) => c.bypass_code_id !== code.bypass_code_id),
		);
	}

	private async removeDevice(user: DuoUser, url: string, deviceId: string): Promise<void> {
		await this.write({
			method: 'DELETE',
			path: url,
			params: {},
			target: { kind: 'device', id: deviceId, name: user.username },
			before: { user_id: user.user_id, device: deviceId },
		});
	}

	async sendEnrollment(user: DuoUser, email: string): Promise<void> {
		await this.write({
			method: 'POST',
			path: '/admin/v1/users/enroll',
			params: { username: user.username, email },
			target: { kind: 'enrollment', id: user.user_id, name: user.username },
			after: { email },
		});
	}

	/** Every Duo group, read fresh this execution, in listing order. */
	async loadAllGroups(): Promise<DuoGroup[]> {
		return await this.groups.all();
	}

	/** See GroupDirectory.find. */
	async findGroup(
		query: GroupQuery,
		options: { markerFirst?: boolean } = {},
	): Promise<DuoGroup | undefined> {
		return await this.groups.find(query, options);
	}

	/** The first `limit` groups, reading only the pages needed unless the listing is cached. */
	async listGroups(limit?: number): Promise<DuoGroup[]> {
		if (limit === undefined || this.groups.completeAndFresh) {
			const all = await this.loadAllGroups();
			return limit === undefined ? all : all.slice(0, limit);
		}
		return await duoApiRequestAllItems<DuoGroup>(
			this.ctx,
			'/admin/v1/groups',
			{},
			{
				pageSize: Math.min(GROUPS_PAGE, limit),
				maxItems: limit,
				retry: this.retry,
			},
		);
	}

	async createGroup(params: { name: string; desc?: string }): Promise<DuoGroup> {
		const outcome = await this.write<DuoGroup>({
			method: 'POST',
			path: '/admin/v1/groups',
			params,
			target: { kind: 'group', name: params.name },
			after: params,
		});
		let created = outcome.response;
		if (!created && outcome.replayed === 'duplicate') {
			const all = await duoApiRequestAllItems<DuoGroup>(
				this.ctx,
				'/admin/v1/groups',
				{},
				{
					pageSize: GROUPS_PAGE,
					retry: this.retry,
				},
			);
			created = all.find((group) => group.name.toLowerCase() === params.name.toLowerCase());
		}
		return this.groups.recordWrite(
			created ?? { group_id: `planned:${params.name}`, desc: '', ...params },
		);
	}

	/**
	 * Changes the group's name or description; returns the group as it now is, or undefined when
	 * the group no longer exists in Duo. `requery` finds the group again when its id was out of date
	 * (default: its marker and name).
	 */
	async updateGroup(
		group: DuoGroup,
		changes: { name?: string; desc?: string },
		requery?: GroupQuery,
	): Promise<DuoGroup | undefined> {
		const result = await this.groupWrite<DuoGroup>(
			group,
			(target) => ({
				method: 'POST',
				path: `/admin/v1/groups/${segment(target.group_id)}`,
				params: changes,
				target: { kind: 'group', id: target.group_id, name: target.name },
				before: { name: target.name, desc: target.desc ?? '' },
				after: changes,
			}),
			requery,
		);
		if (!result) return undefined;
		const next = this.groups.recordWrite(
			result.outcome.response ?? { ...result.group, ...changes },
		);
		for (const user of this.users.users()) {
			for (const embedded of user.groups ?? []) {
				if (embedded.group_id === next.group_id) Object.assign(embedded, next);
			}
		}
		return next;
	}

	/**
	 * Deletes the group; returns the group deleted, or undefined when Duo no longer has it.
	 * `requery` as in updateGroup.
	 */
	async deleteGroup(group: DuoGroup, requery?: GroupQuery): Promise<DuoGroup | undefined> {
		const result = await this.groupWrite(
			group,
			(target) => ({
				method: 'DELETE',
				path: `/admin/v1/groups/${segment(target.group_id)}`,
				params: {},
				target: { kind: 'group', id: target.group_id, name: target.name },
				before: { name: target.name },
			}),
			requery,
		);
		if (!result) return undefined;
		this.groups.remove(result.group.group_id);
		this.forgetGroup(result.group.group_id);
		return result.group;
	}
}
