import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';

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
	UserNeeds,
	UserRef,
} from '../../shared/mfa/port';
import { PINGONE_CAPABILITIES } from './capabilities';
import { GROUPS_PAGE, isPlannedId, PingOneGroupDirectory } from './groupDirectory';
import type { PingOneMfaClient } from './PingOneMfaClient';
import type { PingOneDevice, PingOneGroup, PingOneUser, PingOneUserInput } from './pingOneObjects';
import { devicesOf, mfaGroupOf, mfaUserOf, userInputOf, withInput } from './pingOneView';
import { PingOneUserCache } from './userCache';

export interface PingOneDirectoryOptions {
	/** Identifies the environment (its API URL), so that state of two environments never mixes. */
	account: string;
	/** Writes are recorded and answered as if they had succeeded, without reaching PingOne; reads happen. */
	dryRun?: boolean;
	/** How long this process keeps the group listing between executions; 0 lists once per execution. */
	groupCacheMaxAgeMinutes?: number;
}

/** Group member listings in flight at once while listing every user. */
const LISTING_CONCURRENCY = 4;

const segment = (value: string) => encodeURIComponent(value);

const defined = (value: object): IDataObject => JSON.parse(JSON.stringify(value)) as IDataObject;

function unique(values: Iterable<string> | undefined): string[] {
	const seen = new Map<string, string>();
	for (const value of values ?? []) if (value && !seen.has(value.toLowerCase())) seen.set(value.toLowerCase(), value);
	return [...seen.values()];
}

/** The fields of `user` a change names, for the `before` of a planned write. */
function before(user: PingOneUser, input: PingOneUserInput): IDataObject {
	const source = user as unknown as IDataObject;
	return defined(Object.fromEntries(Object.keys(input).map((field) => [field, source[field] ?? null])));
}

/**
 * PingOne as the sync core sees it (the MfaDirectory port), for one execution, over the PingOne
 * client. Users are looked up in batches: one OR-ed filter matches usernames, external ids (the
 * anchor) and user ids of every item. A user's groups take a read of their own
 * (`include=memberOfGroupIDs`), made only when the plan compares them. Groups come from one listing,
 * or from the listing an earlier execution of this process kept. Every write goes through `write`,
 * and the caches follow each write so later items see the new state.
 */
export class PingOneDirectory implements MfaDirectory {
	readonly capabilities = PINGONE_CAPABILITIES;

	readonly writes: PlannedWrite[] = [];

	readonly dryRun: boolean;

	readonly accountKey: string;

	readonly users = new PingOneUserCache();

	readonly groups: PingOneGroupDirectory;

	private readonly devices = new Map<string, PingOneDevice[]>();

	/** In a dry run: users this execution would have deleted, so later reads do not revive them. */
	private readonly deleted = new Set<string>();

	constructor(
		private readonly node: INode,
		private readonly client: PingOneMfaClient,
		options: PingOneDirectoryOptions,
	) {
		this.dryRun = options.dryRun === true;
		this.accountKey = `pingone ${options.account.trim().toLowerCase()}`;
		this.groups = new PingOneGroupDirectory({
			account: this.accountKey,
			maxAgeMs: Math.max(0, (options.groupCacheMaxAgeMinutes ?? 0) * 60_000),
			dryRun: this.dryRun,
			list: async () => await this.client.listGroups(GROUPS_PAGE),
		});
	}

	/** The one way this directory changes PingOne; in a dry run the write is only recorded. */
	private async write<T>(plan: PlannedWrite, send: () => Promise<T>): Promise<T | undefined> {
		this.writes.push(plan);
		return this.dryRun ? undefined : await send();
	}

	/**
	 * One OR-ed filter per batch matches every key as a username or an external id, and every id.
	 * [unverified] that PingOne filters users by `externalId eq` (its docs list `sw` for externalId;
	 * `username eq` and `id eq` are verified).
	 */
	async prefetchUsers(lookup: { keys?: Iterable<string>; ids?: Iterable<string> }): Promise<void> {
		const keys = unique(lookup.keys).filter((key) => !this.users.hasAskedKey(key));
		const ids = unique(lookup.ids).filter((id) => !this.users.hasAskedId(id) && !isPlannedId(id));
		if (keys.length + ids.length === 0) return;
		const found = await this.client.findUsersWhere([
			...keys.flatMap((value) => [
				{ attribute: 'username', value },
				{ attribute: 'externalId', value },
			]),
			...ids.map((value) => ({ attribute: 'id', value })),
		]);
		for (const user of found) if (!this.deleted.has(user.id)) this.users.put(user);
		this.users.markAsked(keys, ids);
	}

	/** The PingOne user, by id, else by an anchor (external id), else by username; with its group ids when asked. */
	async findPingOneUser(ref: UserRef, needs: UserNeeds = {}): Promise<PingOneUser | undefined> {
		const anchors = ref.anchors ?? [];
		await this.prefetchUsers({ keys: [...anchors, ref.username ?? ''], ids: ref.id ? [ref.id] : [] });
		let user = ref.id
			? this.users.byUserId(ref.id)
			: (anchors.map((anchor) => this.users.byAnchor(anchor)).find(Boolean) ??
				(ref.username ? this.users.byKey(ref.username) : undefined));
		if (user && needs.groups && !user.memberOfGroupIDs && !isPlannedId(user.id)) {
			const read = await this.client.getUser(user.id, { includeGroupIds: true });
			if (!read) {
				this.users.remove(user.id);
				return undefined;
			}
			user = this.users.put({ ...read, memberOfGroupIDs: read.memberOfGroupIDs ?? [] });
		}
		return user;
	}

	/**
	 * The user's groups as neutral objects. [unverified] `memberOfGroupIDs` may list indirect
	 * memberships (through nested groups) too; a removal of one finds nothing to remove.
	 */
	private async groupsOf(user: PingOneUser): Promise<MfaGroup[]> {
		const ids = user.memberOfGroupIDs ?? [];
		const groups = await this.groups.byIds(ids);
		return groups.map((group, index) =>
			group ? mfaGroupOf(group) : { id: ids[index], name: ids[index], description: '' },
		);
	}

	private async neutral(user: PingOneUser): Promise<MfaUser> {
		return mfaUserOf(user, await this.groupsOf(user));
	}

	async findUser(ref: UserRef, needs?: UserNeeds): Promise<MfaUser | undefined> {
		const user = await this.findPingOneUser(ref, needs);
		return user ? await this.neutral(user) : undefined;
	}

	/**
	 * Every user (1,000 a page), then the direct members of every group (one filtered listing per
	 * group), so that each user's group ids are known without a read per user.
	 */
	async listUsers(progress?: (read: number, total?: number) => void): Promise<MfaUser[]> {
		const listed = await this.client.listUsers(progress);
		const groupIds = new Map<string, string[]>(listed.map((user) => [user.id, []]));
		const groups = await this.groups.all();
		const members = await mapWithConcurrency(groups, LISTING_CONCURRENCY, async (group) =>
			await this.client.listGroupMemberIds(group.id),
		);
		groups.forEach((group, index) => {
			for (const id of members[index]) groupIds.get(id)?.push(group.id);
		});
		const users = listed
			.filter((user) => !this.deleted.has(user.id))
			.map((user) => this.users.put({ ...user, memberOfGroupIDs: groupIds.get(user.id) ?? [] }));
		this.users.complete = true;
		return await Promise.all(users.map(async (user) => await this.neutral(user)));
	}

	async refreshUser(ref: UserRef): Promise<void> {
		const keys = [...(ref.anchors ?? []), ref.username ?? ''].filter(Boolean);
		const ids = ref.id && !isPlannedId(ref.id) ? [ref.id] : [];
		this.users.forget(keys, ids);
		await this.prefetchUsers({ keys, ids });
	}

	private cached(user: MfaUser): PingOneUser {
		return this.users.byUserId(user.id) ?? ({ id: user.id, username: user.username } as PingOneUser);
	}

	async createUser(user: NewUser): Promise<CreateOutcome<MfaUser>> {
		const input = { username: user.username, ...userInputOf(user.fields) } as PingOneUserInput & {
			username: string;
			email: string;
		};
		const params = defined(input);
		const created = await this.write(
			{ method: 'POST', path: '/users', params, target: { kind: 'user', name: user.username }, after: params },
			async () => await this.client.createUserOrFind(input),
		);
		if (created?.existed) return { value: await this.neutral(this.users.put(created.value)), existed: true };
		let next = this.users.put({
			...(created?.value ?? { id: `planned:${user.username}`, ...input, enabled: true }),
			memberOfGroupIDs: [],
		});
		if (user.status !== undefined && user.status !== 'active') next = await this.setStatus(next, user.status);
		return { value: await this.neutral(next), existed: false };
	}

	/** PingOne users are enabled or not (`PUT /users/{id}/enabled`): active or disabled. */
	private async setStatus(user: PingOneUser, status: string): Promise<PingOneUser> {
		if (status !== 'active' && status !== 'disabled') {
			throw new NodeOperationError(this.node, `PingOne users have no status "${status}"`, {
				description: 'A PingOne user is active (enabled) or disabled',
			});
		}
		const enabled = status === 'active';
		await this.write(
			{
				method: 'PUT',
				path: `/users/${segment(user.id)}/enabled`,
				params: { enabled },
				target: { kind: 'user', id: user.id, name: user.username },
				before: { enabled: user.enabled !== false },
				after: { enabled },
			},
			async () => await this.client.setUserEnabled(user.id, enabled),
		);
		return this.users.put({ ...user, enabled });
	}

	async updateUser(user: MfaUser, changes: UserChanges): Promise<MfaUser> {
		let current = this.cached(user);
		const input: PingOneUserInput = {
			...(changes.username !== undefined ? { username: changes.username } : {}),
			...userInputOf(changes.fields ?? {}, current),
		};
		if (Object.keys(input).length > 0) {
			const params = defined(input);
			const updated = await this.write(
				{
					method: 'PATCH',
					path: `/users/${segment(user.id)}`,
					params,
					target: { kind: 'user', id: user.id, name: user.username },
					before: before(current, input),
					after: params,
				},
				async () => await this.client.updateUser(user.id, input),
			);
			current = this.users.put(updated ?? withInput(current, input));
		}
		if (changes.status !== undefined) current = await this.setStatus(current, changes.status);
		return await this.neutral(current);
	}

	async deleteUser(user: MfaUser): Promise<void> {
		await this.write(
			{
				method: 'DELETE',
				path: `/users/${segment(user.id)}`,
				params: {},
				target: { kind: 'user', id: user.id, name: user.username },
				before: { username: user.username, status: user.statusLabel },
			},
			async () => await this.client.deleteUser(user.id),
		);
		this.users.remove(user.id);
		if (this.dryRun) this.deleted.add(user.id);
	}

	async findGroup(query: GroupQuery): Promise<MfaGroup | undefined> {
		const group = await this.groups.find(query);
		return group ? mfaGroupOf(group) : undefined;
	}

	async listGroups(limit?: number): Promise<MfaGroup[]> {
		const all = await this.groups.all();
		return (limit === undefined ? all : all.slice(0, limit)).map(mfaGroupOf);
	}

	async createGroup(group: { name: string; description?: string }): Promise<CreateOutcome<MfaGroup>> {
		const params = { name: group.name, ...(group.description ? { description: group.description } : {}) };
		const created = await this.write(
			{ method: 'POST', path: '/groups', params, target: { kind: 'group', name: group.name }, after: params },
			async () => await this.client.createGroupOrFind(params),
		);
		const value = this.groups.put(created?.value ?? { id: `planned:${group.name}`, ...params });
		return { value: mfaGroupOf(value), existed: created?.existed === true };
	}

	private async nativeGroup(group: MfaGroup): Promise<PingOneGroup> {
		return (
			(await this.groups.find({ id: group.id })) ?? { id: group.id, name: group.name, description: group.description }
		);
	}

	/**
	 * Sends a write that names `group`. When PingOne answers that the group does not exist
	 * (`send` gives undefined), its id was out of date: the groups are listed afresh, the group is
	 * found again (by `requery`, else by its markers and name), and the write is sent once more.
	 * Undefined when the group no longer exists.
	 */
	private async groupWrite<T>(
		group: PingOneGroup,
		plan: (group: PingOneGroup) => PlannedWrite,
		send: (group: PingOneGroup) => Promise<T | undefined>,
		requery?: GroupQuery,
	): Promise<{ group: PingOneGroup; answer?: T } | undefined> {
		const answer = await this.write(plan(group), async () => await send(group));
		if (this.dryRun || answer !== undefined) return { group, answer };
		this.groups.remove(group.id);
		await this.groups.refresh();
		const again = await this.groups.find(requery ?? { markers: markersIn(group.description), name: group.name });
		if (!again || again.id === group.id) return undefined;
		const retried = await this.write(plan(again), async () => await send(again));
		return retried === undefined ? undefined : { group: again, answer: retried };
	}

	/** Takes a deleted group out of the group ids of the users read. */
	private forgetMembership(groupId: string): void {
		for (const user of this.users.all()) {
			if (user.memberOfGroupIDs?.includes(groupId)) {
				user.memberOfGroupIDs = user.memberOfGroupIDs.filter((id) => id !== groupId);
			}
		}
	}

	async updateGroup(
		group: MfaGroup,
		changes: { name?: string; description?: string },
		requery?: GroupQuery,
	): Promise<MfaGroup | undefined> {
		const whole = (target: PingOneGroup) =>
			({
				name: changes.name ?? target.name,
				description: changes.description ?? target.description,
				population: target.population,
				externalId: target.externalId,
			}) as PingOneGroup;
		const result = await this.groupWrite(
			await this.nativeGroup(group),
			(target) => ({
				method: 'PUT',
				path: `/groups/${segment(target.id)}`,
				params: defined(whole(target)),
				target: { kind: 'group', id: target.id, name: target.name },
				before: defined({ name: target.name, description: target.description ?? '' }),
				after: defined(changes),
			}),
			async (target) => await this.client.replaceGroup(target.id, whole(target)),
			requery,
		);
		if (!result) return undefined;
		return mfaGroupOf(this.groups.put(result.answer ?? { ...result.group, ...whole(result.group) }));
	}

	async deleteGroup(group: MfaGroup, requery?: GroupQuery): Promise<MfaGroup | undefined> {
		const result = await this.groupWrite(
			await this.nativeGroup(group),
			(target) => ({
				method: 'DELETE',
				path: `/groups/${segment(target.id)}`,
				params: {},
				target: { kind: 'group', id: target.id, name: target.name },
				before: { name: target.name },
			}),
			async (target) => ((await this.client.deleteGroup(target.id)).found ? true : undefined),
			requery,
		);
		if (!result) return undefined;
		this.groups.remove(result.group.id);
		this.forgetMembership(result.group.id);
		return mfaGroupOf(result.group);
	}

	async addToGroup(user: MfaUser, group: MfaGroup): Promise<MfaGroup | undefined> {
		const result = await this.groupWrite(
			await this.nativeGroup(group),
			(target) => ({
				method: 'POST',
				path: `/users/${segment(user.id)}/memberOfGroups`,
				params: { id: target.id },
				target: { kind: 'membership', id: user.id, name: `${user.username} → ${target.name}` },
				after: { group: target.name },
			}),
			async (target) => {
				const added = await this.client.addUserToGroup(user.id, target.id);
				return added.missing ? undefined : added;
			},
		);
		if (!result) {
			if (await this.groups.find({ id: group.id })) {
				this.users.remove(user.id);
				throw new NodeOperationError(this.node, `PingOne user ${user.username} no longer exists`, {
					description: 'The user was deleted in PingOne while this execution ran. Run the item again.',
				});
			}
			return undefined;
		}
		const cached = this.users.byUserId(user.id);
		if (cached && !(cached.memberOfGroupIDs ?? []).includes(result.group.id)) {
			cached.memberOfGroupIDs = [...(cached.memberOfGroupIDs ?? []), result.group.id];
		}
		return mfaGroupOf(result.group);
	}

	async removeFromGroup(user: MfaUser, group: MfaGroup): Promise<void> {
		await this.write(
			{
				method: 'DELETE',
				path: `/users/${segment(user.id)}/memberOfGroups/${segment(group.id)}`,
				params: {},
				target: { kind: 'membership', id: user.id, name: `${user.username} → ${group.name}` },
				before: { group: group.name },
			},
			async () => await this.client.removeUserFromGroup(user.id, group.id),
		);
		const cached = this.users.byUserId(user.id);
		if (cached?.memberOfGroupIDs) cached.memberOfGroupIDs = cached.memberOfGroupIDs.filter((id) => id !== group.id);
	}

	/** The user's MFA devices, read once per user and execution. */
	async pingOneDevices(user: MfaUser): Promise<PingOneDevice[]> {
		if (isPlannedId(user.id)) return [];
		let devices = this.devices.get(user.id);
		if (!devices) {
			devices = await this.client.listDevices(user.id);
			this.devices.set(user.id, devices);
		}
		return devices;
	}

	async listDevices(user: MfaUser): Promise<MfaDevice[]> {
		return devicesOf(await this.pingOneDevices(user));
	}

	async removeDevice(user: MfaUser, device: MfaDevice): Promise<void> {
		await this.write(
			{
				method: 'DELETE',
				path: `/users/${segment(user.id)}/devices/${segment(device.id)}`,
				params: {},
				target: { kind: 'device', id: device.id, name: user.username },
				before: { userId: user.id, type: device.kind },
			},
			async () => await this.client.deleteDevice(user.id, device.id),
		);
		const devices = this.devices.get(user.id);
		if (devices) this.devices.set(user.id, devices.filter((entry) => entry.id !== device.id));
	}

	async close(): Promise<void> {
		this.groups.save();
	}
}
