import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { mapWithConcurrency } from '../../shared/http/concurrency';
import { markersIn } from '../../shared/mfa/anchors';
import type {
	CreateOutcome,
	GroupQuery,
	MfaDevice,
	MfaDirectory,
	MfaGroup,
	MfaUser,
	NewUser,
	PlannedWrite,
	UserChanges,
	UserRef,
} from '../../shared/mfa/port';
import {
	DUO_CREDENTIAL,
	duoApiRequest,
	duoApiRequestAllItems,
	type DuoMetadata,
	type DuoResult,
} from '../transport/request';
import type { RetryPolicy } from '../transport/retryPolicy';
import { DUO_CAPABILITIES } from './capabilities';
import type { DuoBypassCode, DuoGroup, DuoUser } from './duoObjects';
import { devicesOf, joinNotes, mfaGroupOf, mfaUserOf, splitNotes } from './duoView';
import { GroupDirectory, isPlannedId } from './groupDirectory';
import { GROUPS_PAGE } from './groupListing';
import { lookupBatches, uniqueKeys } from './lookupBatches';
import { UserCache } from './userCache';
import { applyUserChanges, refreshEnrolled, type DuoUserChanges } from './userPatch';

const USERS_PAGE = 300;
const PARALLEL_LOOKUPS = 4;

export interface DirectoryOptions {
	/**
	 * In a dry run, writes are recorded and answered as if they had succeeded, without reaching
	 * Duo; reads still happen.
	 */
	dryRun?: boolean;
	/** How long the group directory is kept in this process between executions; 0 keeps none. */
	groupCacheMaxAgeMinutes?: number;
}

interface WriteOutcome<T> {
	response?: T;
	replayed?: 'notFound' | 'duplicate';
	/** The write named a group that Duo no longer has (see DuoRequestOptions.groupMayBeGone). */
	groupGone?: boolean;
}

/** Where a group write ended: on the group it reached, or nowhere because the group is gone. */
type GroupWriteResult<T> = { group: DuoGroup; outcome: WriteOutcome<T> } | undefined;

const segment = (value: string) => encodeURIComponent(value);

/**
 * Duo as the sync core sees it (the MfaDirectory port), for one execution. Reads are cached for
 * the execution: users are fetched in batches (`username_list`, `user_id_list`) before items run,
 * groups through the GroupDirectory (at most one listing, or a snapshot an earlier execution of
 * this process kept). Every write goes through `write`, and the caches follow each write so later
 * items see the new state without reading again.
 */
export class DuoDirectory implements MfaDirectory {
	readonly capabilities = DUO_CAPABILITIES;

	readonly users = new UserCache();

	readonly groups: GroupDirectory;

	readonly writes: PlannedWrite[] = [];

	readonly dryRun: boolean;

	readonly accountKey: string;

	private readonly bypassCodesByUser = new Map<string, DuoBypassCode[]>();

	/** In a dry run: users this execution would have deleted, so later reads do not revive them. */
	private readonly deletedUsers = new Set<string>();

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly retry: RetryPolicy,
		apiHostname: string,
		options: DirectoryOptions = {},
	) {
		this.dryRun = options.dryRun === true;
		const host = apiHostname.trim().toLowerCase();
		this.accountKey = `duo ${host}`;
		const maxAgeMs = Math.max(0, (options.groupCacheMaxAgeMinutes ?? 0) * 60_000);
		this.groups = new GroupDirectory(ctx, retry, {
			dryRun: this.dryRun,
			seen: () => this.embeddedGroups(),
			store: { host, maxAgeMs },
		});
	}

	/**
	 * The one way this node changes Duo. `replayed` reports a write whose effect was already in place
	 * (see duoApiRequest). In a dry run the write is only recorded, and answered with no response:
	 * callers then derive the new state themselves.
	 */
	private async write<T>(
		plan: PlannedWrite,
		options: { groupMayBeGone?: boolean; creates?: boolean } = {},
	): Promise<WriteOutcome<T>> {
		this.writes.push(plan);
		if (this.dryRun) return {};
		const result = await duoApiRequest<T>(
			this.ctx,
			plan.method as 'POST' | 'DELETE',
			plan.path,
			plan.params,
			{ retry: this.retry, ...options },
		);
		return { response: result?.response, replayed: result?.replayed, groupGone: result?.groupGone };
	}

	/**
	 * Sends a write that names `group`. When Duo answers that the group does not exist, the group id
	 * was out of date: the groups are listed afresh, the group is found again (by `requery`, else by
	 * its markers and name), and the write is sent once more. Undefined when the group no longer
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
		const again = await this.groups.find(requery ?? { markers: markersIn(group.desc), name: group.name }, {
			markerFirst: true,
		});
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

	private duoUser(user: MfaUser): DuoUser {
		return this.users.byUserId(user.id) ?? ({ user_id: user.id, username: user.username, status: user.statusLabel } as DuoUser);
	}

	private duoGroup(group: MfaGroup): DuoGroup {
		return this.groups.cache.byGroupId(group.id) ?? { group_id: group.id, name: group.name, desc: group.description };
	}

	/**
	 * Fetches, in as few calls as possible, every user matching the given usernames/aliases and
	 * user ids that this execution has not asked about yet.
	 */
	async prefetchUsers(lookup: { keys?: Iterable<string>; ids?: Iterable<string> }): Promise<void> {
		const keys = uniqueKeys(lookup.keys, (key) => this.users.hasAskedKey(key));
		const ids = uniqueKeys(lookup.ids, (id) => this.users.hasAskedId(id) || isPlannedId(id));
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

	/** The Duo user, by id, else by an anchor alias, else by username; undefined when Duo has none. */
	async findDuoUser(ref: UserRef): Promise<DuoUser | undefined> {
		const anchors = ref.anchors ?? [];
		await this.prefetchUsers({
			keys: [...anchors, ref.username].filter((key): key is string => !!key),
			ids: ref.id ? [ref.id] : [],
		});
		if (ref.id) return this.users.byUserId(ref.id) ?? undefined;
		for (const anchor of anchors) {
			const byAlias = this.users.byAliasKey(anchor);
			if (byAlias) return byAlias;
		}
		if (ref.username) return this.users.byKey(ref.username) ?? undefined;
		return undefined;
	}

	async listUsers(progress?: (read: number, total?: number) => void): Promise<MfaUser[]> {
		const users: DuoUser[] = [];
		let offset: number | undefined = 0;
		while (offset !== undefined) {
			const page: DuoResult<DuoUser[]> | undefined = await duoApiRequest<DuoUser[]>(
				this.ctx,
				'GET',
				'/admin/v1/users',
				{ limit: USERS_PAGE, offset },
				{ retry: this.retry },
			);
			for (const user of page?.response ?? []) if (!this.deletedUsers.has(user.user_id)) users.push(this.putUser(user));
			const total = page?.metadata.total_objects;
			progress?.(users.length, typeof total === 'number' ? total : undefined);
			const next: DuoMetadata['next_offset'] = page?.metadata.next_offset;
			offset = next === undefined || next === null || next === '' ? undefined : Number(next);
		}
		this.users.complete = true;
		return users.map(mfaUserOf);
	}

	async refreshUser(ref: UserRef): Promise<void> {
		const keys = [...(ref.anchors ?? []), ref.username].filter((key): key is string => !!key);
		const ids = ref.id && !isPlannedId(ref.id) ? [ref.id] : [];
		this.users.forget(keys, ids);
		await this.prefetchUsers({ keys, ids });
	}

	async findUser(ref: UserRef): Promise<MfaUser | undefined> {
		const user = await this.findDuoUser(ref);
		return user ? mfaUserOf(user) : undefined;
	}

	private putUser(user: DuoUser): DuoUser {
		for (const group of user.groups ?? []) this.groups.cache.put(group);
		return this.users.put(user);
	}

	/** The user's bypass codes (not part of the user object), read once per user and execution. */
	private async bypassCodes(user: DuoUser): Promise<DuoBypassCode[]> {
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

	/** Duo parameters for a change: fields by name, the watermark in the last line of the notes. */
	private userParams(current: DuoUser | undefined, changes: UserChanges): DuoUserChanges {
		const params: DuoUserChanges = {};
		if (changes.username !== undefined) params.username = changes.username;
		for (const [field, value] of Object.entries(changes.fields ?? {})) params[field as keyof DuoUserChanges] = value;
		if (changes.status !== undefined) params.status = changes.status;
		const existing = splitNotes(current?.notes);
		if (changes.fields?.notes !== undefined || changes.watermark !== undefined) {
			const notes = changes.fields?.notes ?? existing.notes;
			params.notes = joinNotes(notes, changes.watermark ?? existing.watermark);
		}
		return params;
	}

	async createUser(user: NewUser): Promise<CreateOutcome<MfaUser>> {
		const params = this.userParams(undefined, user);
		for (const [field, value] of Object.entries(params)) if (value === '') delete params[field as keyof DuoUserChanges];
		const outcome = await this.write<DuoUser>(
			{
				method: 'POST',
				path: '/admin/v1/users',
				params,
				target: { kind: 'user', name: user.username },
				after: params,
			},
			{ creates: true },
		);
		if (!outcome.response && outcome.replayed === 'duplicate') {
			const found = await duoApiRequest<DuoUser[]>(
				this.ctx,
				'GET',
				'/admin/v1/users',
				{ username: user.username },
				{ retry: this.retry },
			);
			const existing = found?.response[0];
			if (existing) return { value: mfaUserOf(this.putUser(existing)), existed: true };
		}
		const created = this.putUser(
			outcome.response ?? ({ user_id: `planned:${user.username}`, status: 'active', ...params } as DuoUser),
		);
		return { value: mfaUserOf(created), existed: false };
	}

	async updateUser(user: MfaUser, changes: UserChanges): Promise<MfaUser> {
		const current = this.duoUser(user);
		const params = this.userParams(current, changes);
		const before: IDataObject = {};
		for (const field of Object.keys(params)) before[field] = (current as unknown as IDataObject)[field] ?? '';
		const { response: updated } = await this.write<DuoUser>({
			method: 'POST',
			path: `/admin/v1/users/${segment(user.id)}`,
			params,
			target: { kind: 'user', id: user.id, name: user.username },
			before,
			after: params,
		});
		return mfaUserOf(this.putUser(updated ?? applyUserChanges(current, params)));
	}

	async deleteUser(user: MfaUser): Promise<void> {
		await this.write({
			method: 'DELETE',
			path: `/admin/v1/users/${segment(user.id)}`,
			params: {},
			target: { kind: 'user', id: user.id, name: user.username },
			before: { username: user.username, status: user.statusLabel },
		});
		this.users.remove(user.id);
		if (this.dryRun) this.deletedUsers.add(user.id);
	}

	async addToGroup(user: MfaUser, group: MfaGroup): Promise<MfaGroup | undefined> {
		const duoUser = this.duoUser(user);
		const result = await this.groupWrite(this.duoGroup(group), (target) => ({
			method: 'POST',
			path: `/admin/v1/users/${segment(user.id)}/groups`,
			params: { group_id: target.group_id },
			target: { kind: 'membership', id: user.id, name: `${user.username} → ${target.name}` },
			after: { group: target.name },
		}));
		if (!result) return undefined;
		if (!(duoUser.groups ?? []).some((g) => g.group_id === result.group.group_id)) {
			duoUser.groups = [...(duoUser.groups ?? []), result.group];
		}
		return mfaGroupOf(result.group);
	}

	async removeFromGroup(user: MfaUser, group: MfaGroup): Promise<void> {
		await this.write({
			method: 'DELETE',
			path: `/admin/v1/users/${segment(user.id)}/groups/${segment(group.id)}`,
			params: {},
			target: { kind: 'membership', id: user.id, name: `${user.username} → ${group.name}` },
			before: { group: group.name },
		});
		const duoUser = this.duoUser(user);
		duoUser.groups = (duoUser.groups ?? []).filter((g) => g.group_id !== group.id);
	}

	async listDevices(user: MfaUser): Promise<MfaDevice[]> {
		const duoUser = this.duoUser(user);
		return devicesOf(duoUser, await this.bypassCodes(duoUser));
	}

	private devicePath(user: MfaUser, device: MfaDevice): string {
		const id = segment(device.id);
		switch (device.kind) {
			case 'phone':
				return `/admin/v1/users/${segment(user.id)}/phones/${id}`;
			case 'token':
				return `/admin/v1/users/${segment(user.id)}/tokens/${id}`;
			case 'webauthn':
				return `/admin/v1/webauthncredentials/${id}`;
			case 'u2f':
				return `/admin/v1/u2ftokens/${id}`;
			default:
				return `/admin/v1/bypass_codes/${id}`;
		}
	}

	async removeDevice(user: MfaUser, device: MfaDevice): Promise<void> {
		await this.write({
			method: 'DELETE',
			path: this.devicePath(user, device),
			params: {},
			target: { kind: 'device', id: device.id, name: user.username },
			before: { user_id: user.id, device: device.id },
		});
		const duoUser = this.duoUser(user);
		switch (device.kind) {
			case 'phone':
				duoUser.phones = (duoUser.phones ?? []).filter((p) => p.phone_id !== device.id);
				break;
			case 'token':
				duoUser.tokens = (duoUser.tokens ?? []).filter((t) => t.token_id !== device.id);
				break;
			case 'webauthn':
				duoUser.webauthncredentials = (duoUser.webauthncredentials ?? []).filter((c) => c.webauthnkey !== device.id);
				break;
			case 'u2f':
				duoUser.u2ftokens = (duoUser.u2ftokens ?? []).filter((t) => t.registration_id !== device.id);
				break;
			default: {
				const codes = this.bypassCodesByUser.get(user.id) ?? [];
				this.bypassCodesByUser.set(user.id, codes.filter((c) => c.bypass_code_id !== device.id));
			}
		}
		refreshEnrolled(duoUser);
	}

	async sendEnrollment(user: MfaUser, email: string): Promise<void> {
		await this.write({
			method: 'POST',
			path: '/admin/v1/users/enroll',
			params: { username: user.username, email },
			target: { kind: 'enrollment', id: user.id, name: user.username },
			after: { email },
		});
	}

	async findGroup(query: GroupQuery, options: { markerFirst?: boolean } = {}): Promise<MfaGroup | undefined> {
		const group = await this.groups.find(query, options);
		return group ? mfaGroupOf(group) : undefined;
	}

	/** The first `limit` groups, reading only the pages needed unless the listing is cached. */
	async listGroups(limit?: number): Promise<MfaGroup[]> {
		if (limit === undefined || this.groups.completeAndFresh) {
			const all = await this.groups.all();
			return (limit === undefined ? all : all.slice(0, limit)).map(mfaGroupOf);
		}
		const page = await duoApiRequestAllItems<DuoGroup>(
			this.ctx,
			'/admin/v1/groups',
			{},
			{ pageSize: Math.min(GROUPS_PAGE, limit), maxItems: limit, retry: this.retry },
		);
		return page.map(mfaGroupOf);
	}

	async createGroup(group: { name: string; description?: string }): Promise<CreateOutcome<MfaGroup>> {
		const params = { name: group.name, ...(group.description ? { desc: group.description } : {}) };
		const outcome = await this.write<DuoGroup>(
			{ method: 'POST', path: '/admin/v1/groups', params, target: { kind: 'group', name: group.name }, after: params },
			{ creates: true },
		);
		if (!outcome.response && outcome.replayed === 'duplicate') {
			await this.groups.refresh();
			const existing = await this.groups.find({ name: group.name });
			if (existing) return { value: mfaGroupOf(existing), existed: true };
		}
		const created = this.groups.recordWrite(
			outcome.response ?? { group_id: `planned:${group.name}`, desc: '', ...params },
		);
		return { value: mfaGroupOf(created), existed: false };
	}

	async updateGroup(
		group: MfaGroup,
		changes: { name?: string; description?: string },
		requery?: GroupQuery,
	): Promise<MfaGroup | undefined> {
		const params = {
			...(changes.name !== undefined ? { name: changes.name } : {}),
			...(changes.description !== undefined ? { desc: changes.description } : {}),
		};
		const result = await this.groupWrite<DuoGroup>(
			this.duoGroup(group),
			(target) => ({
				method: 'POST',
				path: `/admin/v1/groups/${segment(target.group_id)}`,
				params,
				target: { kind: 'group', id: target.group_id, name: target.name },
				before: { name: target.name, desc: target.desc ?? '' },
				after: params,
			}),
			requery,
		);
		if (!result) return undefined;
		const next = this.groups.recordWrite(result.outcome.response ?? { ...result.group, ...params });
		for (const user of this.users.users()) {
			for (const embedded of user.groups ?? []) {
				if (embedded.group_id === next.group_id) Object.assign(embedded, next);
			}
		}
		return mfaGroupOf(next);
	}

	async deleteGroup(group: MfaGroup, requery?: GroupQuery): Promise<MfaGroup | undefined> {
		const result = await this.groupWrite(
			this.duoGroup(group),
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
		return mfaGroupOf(result.group);
	}

	async close(): Promise<void> {
		await this.groups.save();
	}
}

export { DUO_CREDENTIAL };
