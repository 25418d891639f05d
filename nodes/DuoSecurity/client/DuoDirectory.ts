import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { mapWithConcurrency } from '../../shared/http/concurrency';
import { duoApiRequest, duoApiRequestAllItems } from '../transport/request';
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
import { GroupCache } from './groupCache';
import { GROUPS_PAGE, GroupListing } from './groupListing';
import { lookupBatches, uniqueKeys } from './lookupBatches';
import type { PlannedWrite } from './plannedWrite';
import { UserCache } from './userCache';
import { applyUserChanges, refreshEnrolled, type UserChanges } from './userPatch';

const USERS_PAGE = 300;
const PARALLEL_LOOKUPS = 4;

export type { UserChanges } from './userPatch';

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
}

export interface GroupQuery {
	id?: string;
	/** `idp:<provider>:<group id>` stored in the group's description. */
	marker?: string;
	name?: string;
}

const segment = (value: string) => encodeURIComponent(value);

/**
 * The Duo directory as one execution sees it. Reads are cached for the execution: users are
 * fetched in batches (`username_list`, `user_id_list`) before items run, groups at most once. Every
 * write goes through `write`, and the caches are updated after each write so later items see the
 * new state without reading again.
 */
export class DuoDirectory {
	readonly users = new UserCache();

	readonly groups = new GroupCache();

	readonly writes: PlannedWrite[] = [];

	private readonly bypassCodesByUser = new Map<string, DuoBypassCode[]>();

	private readonly groupListing: GroupListing;

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly retry: RetryPolicy,
	) {
		this.groupListing = new GroupListing(ctx, retry, this.groups);
	}

	/**
	 * The one way this node changes Duo. `replayed` reports a retried write whose earlier attempt had
	 * already taken effect (see DuoRequestOptions.replaySafe).
	 */
	async write<T>(plan: PlannedWrite): Promise<WriteOutcome<T>> {
		this.writes.push(plan);
		const result = await duoApiRequest<T>(this.ctx, plan.method, plan.path, plan.params, {
			retry: this.retry,
			replaySafe: true,
		});
		return { response: result?.response, replayed: result?.replayed };
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
			for (const user of users) this.putUser(user);
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
		for (const group of user.groups ?? []) this.groups.put(group);
		return this.users.put(user);
	}

	/** The user's bypass codes (not part of the user object), read once per user and execution. */
	async bypassCodes(user: DuoUser): Promise<DuoBypassCode[]> {
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
	}

	async addToGroup(user: DuoUser, group: DuoGroup): Promise<void> {
		await this.write({
			method: 'POST',
			path: `/admin/v1/users/${segment(user.user_id)}/groups`,
			params: { group_id: group.group_id },
			target: { kind: 'membership', id: user.user_id, name: `${user.username} → ${group.name}` },
			after: { group: group.name },
		});
		user.groups = [...(user.groups ?? []), group];
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

	/** Every Duo group, in listing order; completes the listing if a lookup started it. */
	async loadAllGroups(): Promise<DuoGroup[]> {
		return await this.groupListing.readAll();
	}

	/**
	 * Finds a group by id, then description marker, then name. Groups embedded in the users already
	 * read are used first; otherwise the group listing is paged until the group turns up. With
	 * `markerFirst`, the whole listing is searched for the marker before the name is used.
	 */
	async findGroup(
		query: GroupQuery,
		options: { markerFirst?: boolean } = {},
	): Promise<DuoGroup | undefined> {
		const exact = () =>
			(query.id ? this.groups.byGroupId(query.id) : undefined) ??
			(query.marker ? this.groups.byMarkerKey(query.marker) : undefined);
		const byName = () => (query.name ? this.groups.byNameKey(query.name) : undefined);
		const nameWaits = options.markerFirst && query.marker !== undefined;
		for (;;) {
			const found = exact() ?? (nameWaits ? undefined : byName());
			if (found) return found;
			if (this.groups.complete) return byName();
			await this.groupListing.readPage();
		}
	}

	/** The first `limit` groups, reading only the pages needed unless the listing is cached. */
	async listGroups(limit?: number): Promise<DuoGroup[]> {
		if (limit === undefined || this.groups.complete) {
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
		return this.groups.put(created ?? { group_id: `planned:${params.name}`, desc: '', ...params });
	}

	async updateGroup(group: DuoGroup, changes: { name?: string; desc?: string }): Promise<DuoGroup> {
		const { response: updated } = await this.write<DuoGroup>({
			method: 'POST',
			path: `/admin/v1/groups/${segment(group.group_id)}`,
			params: changes,
			target: { kind: 'group', id: group.group_id, name: group.name },
			before: { name: group.name, desc: group.desc ?? '' },
			after: changes,
		});
		const next = this.groups.put(updated ?? { ...group, ...changes });
		for (const user of this.users.users()) {
			for (const embedded of user.groups ?? []) {
				if (embedded.group_id === group.group_id) Object.assign(embedded, next);
			}
		}
		return next;
	}

	async deleteGroup(group: DuoGroup): Promise<void> {
		await this.write({
			method: 'DELETE',
			path: `/admin/v1/groups/${segment(group.group_id)}`,
			params: {},
			target: { kind: 'group', id: group.group_id, name: group.name },
			before: { name: group.name },
		});
		this.groups.remove(group.group_id);
		this.groupListing.forget(group.group_id);
		for (const user of this.users.users()) {
			user.groups = (user.groups ?? []).filter((g) => g.group_id !== group.group_id);
		}
	}
}
