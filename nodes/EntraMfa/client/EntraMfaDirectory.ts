import { randomBytes } from 'crypto';
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { mapWithConcurrency } from '../../shared/http/concurrency';
import { pathSegment } from '../../shared/http/pathSegment';
import type { ProviderRequest } from '../../shared/http/providerCall';
import type { RetryPolicy } from '../../shared/http/retryPolicy';
import {
	GROUP_GONE,
	isPlannedId,
	plannedId,
	TargetDirectory,
	type TargetDirectoryOptions,
} from '../../shared/mfa/adapter/targetDirectory';
import type { CreateOutcome, GroupQuery, MfaDevice, MfaGroup, MfaUser, NewUser, UserChanges } from '../../shared/mfa/port';
import { isAlreadyMember, isDefaultMethodRefusal, isEntraAlreadyExists, isNotFoundOf } from '../transport/errors';
import { graphCall, graphCallAll } from '../transport/request';
import { ENTRA_CAPABILITIES } from './capabilities';
import type { EntraAuthenticationMethod, EntraGroup, EntraUser } from './entraObjects';
import { devicesOf, isManagedGroup, methodSegment, mfaGroupOf, mfaUserOf, USER_SELECT } from './entraView';

export interface EntraSettings {
	/** The extension attribute (extensionAttribute1–15) that keeps the IdP user id, or `none`. */
	anchorField: string;
	/** The Graph base URL, for the `@odata.id` of a new member. */
	graphBaseUrl: string;
}

/** Graph limits `in` and `or` filters to 15 expressions. */
const MAX_EXPRESSIONS = 15;
const MAX_FILTER = 1500;
const PAGE = 999;
const PARALLEL_LOOKUPS = 4;

/** What dry-run output and the written record show in place of a generated password. */
export const REDACTED = '[redacted]';

const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** An OData URL: `$` options stay literal, values are encoded. */
function odata(path: string, options: Record<string, string | number | boolean>): string {
	const query = Object.entries(options).map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`);
	return query.length > 0 ? `${path}?${query.join('&')}` : path;
}

const isExtension = (field: string) => field.startsWith('extensionAttribute');

/** A mail nickname from a name: the characters Entra allows, at most 64. */
function mailNickname(name: string): string {
	const nickname = name.split('@')[0].replace(/[^A-Za-z0-9._-]/g, '').slice(0, 64);
	return nickname || 'user';
}

/** A password that meets Entra's complexity rules; the user never learns it (federated sign-in or reset). */
function generatedPassword(): string {
	return `${randomBytes(18).toString('base64url')}Aa1!`;
}

/**
 * Microsoft Entra ID as the sync core sees it (the MfaDirectory port), for one execution, on
 * Microsoft Graph v1.0 with the `entraMfaApi` credential. Users are looked up 15 values at a time
 * (`userPrincipalName in (…)` or the anchor extension attribute), their groups once per user
 * (memberOf). Disabling sets `accountEnabled` false and revokes the sign-in sessions; a reset
 * deletes each authentication method but the password, the likely default method last: Entra
 * refuses to delete the default method while others remain, so a refused one is deleted again at
 * the end.
 */
export class EntraMfaDirectory extends TargetDirectory {
	/** Methods Entra refused to delete first (the default method), by user id. */
	private readonly deferred = new Map<string, MfaDevice[]>();

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly retry: RetryPolicy,
		account: string,
		private readonly settings: EntraSettings,
		options: TargetDirectoryOptions,
	) {
		super(ENTRA_CAPABILITIES, `entra ${account.toLowerCase()}`, options);
	}

	private id(value: string): string {
		return pathSegment(this.ctx.getNode(), value);
	}

	private async send<T>(request: ProviderRequest) {
		return await graphCall<T>(this.ctx, { retry: this.retry, ...request });
	}

	private view(user: EntraUser): MfaUser {
		return mfaUserOf(user, this.settings.anchorField);
	}

	/** Filters of at most 15 expressions: each key as a UPN (when it can be one) and as the anchor. */
	private keyFilters(keys: string[]): string[] {
		const anchor = this.settings.anchorField === 'none' ? undefined : `onPremisesExtensionAttributes/${this.settings.anchorField}`;
		const filters: string[] = [];
		let upns: string[] = [];
		let anchors: string[] = [];
		const flush = () => {
			const parts = [
				...(upns.length ? [`userPrincipalName in (${upns.map(literal).join(',')})`] : []),
				...(anchors.length && anchor ? [`${anchor} in (${anchors.map(literal).join(',')})`] : []),
			];
			if (parts.length) filters.push(parts.join(' or '));
			upns = [];
			anchors = [];
		};
		for (const key of keys) {
			const asUpn = key.includes('@') ? [key] : [];
			const asAnchor = anchor ? [key] : [];
			const count = upns.length + anchors.length + asUpn.length + asAnchor.length;
			const length = [...upns, ...anchors, key, key].join("','").length;
			if (count > MAX_EXPRESSIONS || length > MAX_FILTER) flush();
			upns.push(...asUpn);
			anchors.push(...asAnchor);
		}
		flush();
		return filters;
	}

	protected async fetchUsers(lookup: { keys: string[]; ids: string[] }): Promise<MfaUser[]> {
		const advanced = this.settings.anchorField !== 'none';
		const requests: Array<{ path: string; headers?: IDataObject }> = this.keyFilters(lookup.keys).map((filter) => ({
			path: odata('/users', { $filter: filter, $select: USER_SELECT, ...(advanced ? { $count: true } : {}) }),
			...(advanced ? { headers: { ConsistencyLevel: 'eventual' } } : {}),
		}));
		for (let i = 0; i < lookup.ids.length; i += MAX_EXPRESSIONS) {
			const ids = lookup.ids.slice(i, i + MAX_EXPRESSIONS);
			requests.push({ path: odata('/users', { $filter: `id in (${ids.map(literal).join(',')})`, $select: USER_SELECT }) });
		}
		const pages = await mapWithConcurrency(requests, PARALLEL_LOOKUPS, async ({ path, headers }) =>
			graphCallAll<EntraUser>(this.ctx, path, { retry: this.retry, headers }),
		);
		return pages.flat().map((user) => this.view(user));
	}

	protected async fetchAllUsers(progress?: (read: number, total?: number) => void): Promise<MfaUser[]> {
		const users = await graphCallAll<EntraUser>(this.ctx, odata('/users', { $select: USER_SELECT, $top: PAGE }), {
			retry: this.retry,
			progress,
		});
		return users.map((user) => this.view(user));
	}

	protected async fetchUserGroups(user: MfaUser): Promise<MfaGroup[]> {
		const groups = await graphCallAll<EntraGroup>(
			this.ctx,
			odata(`/users/${this.id(user.id)}/memberOf/microsoft.graph.group`, { $select: 'id,displayName,description,groupTypes', $top: PAGE }),
			{ retry: this.retry },
		);
		return groups.filter(isManagedGroup).map(mfaGroupOf);
	}

	protected async fetchGroupMemberIds(group: MfaGroup): Promise<string[]> {
		const members = await graphCallAll<{ id: string }>(
			this.ctx,
			odata(`/groups/${this.id(group.id)}/members/microsoft.graph.user`, { $select: 'id', $top: PAGE }),
			{ retry: this.retry },
		);
		return members.map((member) => member.id);
	}

	protected async fetchGroups(): Promise<MfaGroup[]> {
		const groups = await graphCallAll<EntraGroup>(
			this.ctx,
			odata('/groups', { $select: 'id,displayName,description,groupTypes', $top: PAGE }),
			{ retry: this.retry },
		);
		return groups.filter(isManagedGroup).map(mfaGroupOf);
	}

	protected async fetchDevices(user: MfaUser): Promise<MfaDevice[]> {
		const methods = await graphCallAll<EntraAuthenticationMethod>(this.ctx, `/users/${this.id(user.id)}/authentication/methods`, {
			retry: this.retry,
		});
		return devicesOf(methods);
	}

	/** The user as Graph holds it, for Get without Simplify. */
	async rawUser(user: MfaUser): Promise<IDataObject> {
		const found = await this.send<IDataObject>({ method: 'GET', path: odata(`/users/${this.id(user.id)}`, { $select: USER_SELECT }) });
		return found?.body ?? {};
	}

	/** Graph properties for profile fields: extension attributes go under onPremisesExtensionAttributes. */
	private properties(fields: Record<string, string>, keepEmpty: boolean): IDataObject {
		const body: IDataObject = {};
		const extensions: IDataObject = {};
		for (const [field, value] of Object.entries(fields)) {
			if (value === '' && !keepEmpty) continue;
			const target = isExtension(field) ? extensions : body;
			target[field] = value === '' ? null : value;
		}
		if (Object.keys(extensions).length > 0) body.onPremisesExtensionAttributes = extensions;
		return body;
	}

	async createUser(user: NewUser): Promise<CreateOutcome<MfaUser>> {
		const given = [user.fields.givenName, user.fields.surname].filter(Boolean).join(' ');
		const body: IDataObject = {
			accountEnabled: user.status !== 'disabled',
			displayName: user.fields.displayName || given || user.username,
			mailNickname: mailNickname(user.username),
			userPrincipalName: user.username,
			...this.properties(user.fields, false),
		};
		const shown = { ...body, passwordProfile: { forceChangePasswordNextSignIn: true, password: REDACTED } };
		const result = await this.write(
			{ method: 'POST', path: '/users', params: shown, target: { kind: 'user', name: user.username }, after: shown },
			async () =>
				await this.send<EntraUser>({
					method: 'POST',
					path: '/users',
					body: { ...body, passwordProfile: { forceChangePasswordNextSignIn: true, password: generatedPassword() } },
					accept: isEntraAlreadyExists,
				}),
		);
		if (result && result.statusCode >= 400) {
			const existing = await this.send<EntraUser>({
				method: 'GET',
				path: odata(`/users/${this.id(user.username)}`, { $select: USER_SELECT }),
				allowNotFound: true,
			});
			if (existing) return { value: this.remember(this.view(existing.body)), existed: true };
		}
		const created: EntraUser = result?.body ?? {
			...(body as unknown as EntraUser),
			id: plannedId(user.username),
		};
		return { value: this.rememberCreated(this.view({ ...(body as unknown as EntraUser), ...created })), existed: false };
	}

	async updateUser(user: MfaUser, changes: UserChanges): Promise<MfaUser> {
		const current = this.current(user);
		if (changes.status !== undefined && changes.status !== 'active' && changes.status !== 'disabled') {
			throw new NodeOperationError(this.ctx.getNode(), `Entra ID has no user status "${changes.status}"`, {
				description: 'Use active or disabled',
			});
		}
		const body: IDataObject = {
			...(changes.username !== undefined ? { userPrincipalName: changes.username } : {}),
			...this.properties(changes.fields ?? {}, true),
			...(changes.status !== undefined ? { accountEnabled: changes.status === 'active' } : {}),
		};
		const path = `/users/${this.id(current.id)}`;
		const before: IDataObject = {
			...(changes.username !== undefined ? { userPrincipalName: current.username } : {}),
			...Object.fromEntries(Object.keys(changes.fields ?? {}).map((field) => [field, current.fields[field] ?? ''])),
			...(changes.status !== undefined ? { accountEnabled: current.status !== 'disabled' } : {}),
		};
		if (Object.keys(body).length > 0) {
			await this.write(
				{ method: 'PATCH', path, params: body, target: { kind: 'user', id: current.id, name: current.username }, before, after: body },
				async () => await this.send({ method: 'PATCH', path, body }),
			);
		}
		if (changes.status === 'disabled') {
			const revoke = `${path}/revokeSignInSessions`;
			await this.write(
				{ method: 'POST', path: revoke, params: {}, target: { kind: 'user', id: current.id, name: current.username }, after: { sessions: 'revoked' } },
				async () => await this.send({ method: 'POST', path: revoke, intent: 'update' }),
			);
		}
		const fields = { ...current.fields, ...(changes.fields ?? {}) };
		const anchor = this.settings.anchorField === 'none' ? '' : (fields[this.settings.anchorField] ?? '');
		const status = changes.status === undefined ? current.status : changes.status;
		return this.remember({
			...current,
			username: changes.username ?? current.username,
			fields,
			aliases: anchor ? [anchor] : [],
			status,
			statusLabel: status === 'disabled' ? 'disabled' : 'enabled',
			...(fields.mail ? { email: fields.mail } : {}),
		});
	}

	async deleteUser(user: MfaUser): Promise<void> {
		const current = this.current(user);
		const path = `/users/${this.id(current.id)}`;
		await this.write(
			{ method: 'DELETE', path, params: {}, target: { kind: 'user', id: current.id, name: current.username }, before: { userPrincipalName: current.username } },
			async () => await this.send({ method: 'DELETE', path, allowNotFound: true }),
		);
		this.forgetDeleted(current);
	}

	async createGroup(group: { name: string; description?: string }): Promise<CreateOutcome<MfaGroup>> {
		const body: IDataObject = {
			displayName: group.name,
			...(group.description ? { description: group.description } : {}),
			mailEnabled: false,
			mailNickname: mailNickname(group.name),
			securityEnabled: true,
		};
		const result = await this.write(
			{ method: 'POST', path: '/groups', params: body, target: { kind: 'group', name: group.name }, after: body },
			async () => await this.send<EntraGroup>({ method: 'POST', path: '/groups', body }),
		);
		const created = result?.body ? mfaGroupOf(result.body) : { id: plannedId(group.name), name: group.name, description: group.description ?? '' };
		return { value: this.groups.record(created), existed: false };
	}

	async updateGroup(group: MfaGroup, changes: { name?: string; description?: string }, requery?: GroupQuery): Promise<MfaGroup | undefined> {
		const body: IDataObject = {
			...(changes.name !== undefined ? { displayName: changes.name } : {}),
			...(changes.description !== undefined ? { description: changes.description } : {}),
		};
		const reached = await this.groupWrite(
			this.groups.byId(group.id) ?? group,
			async (target) => {
				const path = `/groups/${this.id(target.id)}`;
				const result = await this.write(
					{
						method: 'PATCH',
						path,
						params: body,
						target: { kind: 'group', id: target.id, name: target.name },
						before: { displayName: target.name, description: target.description },
						after: body,
					},
					async () => await this.send({ method: 'PATCH', path, body, accept: isNotFoundOf(target.id) }),
				);
				return result?.statusCode === 404 ? GROUP_GONE : true;
			},
			requery,
		);
		return reached ? this.groupChanged({ ...reached.group, ...changes }) : undefined;
	}

	async deleteGroup(group: MfaGroup, requery?: GroupQuery): Promise<MfaGroup | undefined> {
		const reached = await this.groupWrite(
			this.groups.byId(group.id) ?? group,
			async (target) => {
				const path = `/groups/${this.id(target.id)}`;
				const result = await this.write(
					{ method: 'DELETE', path, params: {}, target: { kind: 'group', id: target.id, name: target.name }, before: { displayName: target.name } },
					async () => await this.send({ method: 'DELETE', path, accept: isNotFoundOf(target.id) }),
				);
				return result?.statusCode === 404 ? GROUP_GONE : true;
			},
			requery,
		);
		if (!reached) return undefined;
		this.groupDeleted(reached.group);
		return reached.group;
	}

	async addToGroup(user: MfaUser, group: MfaGroup): Promise<MfaGroup | undefined> {
		const reached = await this.groupWrite(this.groups.byId(group.id) ?? group, async (target) => {
			const path = `/groups/${this.id(target.id)}/members/$ref`;
			const body = { '@odata.id': `${this.settings.graphBaseUrl}/directoryObjects/${user.id}` };
			const gone = isNotFoundOf(target.id);
			const result = await this.write(
				{
					method: 'POST',
					path,
					params: body,
					target: { kind: 'membership', id: user.id, name: `${user.username} → ${target.name}` },
					after: { group: target.name },
				},
				async () =>
					await this.send({ method: 'POST', path, body, intent: 'update', accept: (response) => gone(response) || isAlreadyMember(response) }),
			);
			return result?.statusCode === 404 ? GROUP_GONE : true;
		});
		if (!reached) return undefined;
		this.changeMembership(user, reached.group, true);
		return reached.group;
	}

	async removeFromGroup(user: MfaUser, group: MfaGroup): Promise<void> {
		const path = `/groups/${this.id(group.id)}/members/${this.id(user.id)}/$ref`;
		await this.write(
			{
				method: 'DELETE',
				path,
				params: {},
				target: { kind: 'membership', id: user.id, name: `${user.username} → ${group.name}` },
				before: { group: group.name },
			},
			async () => await this.send({ method: 'DELETE', path, allowNotFound: true }),
		);
		this.changeMembership(user, group, false);
	}

	private async deleteMethod(user: MfaUser, device: MfaDevice): Promise<'deleted' | 'refused'> {
		const segment = methodSegment(device);
		if (!segment) {
			throw new NodeOperationError(this.ctx.getNode(), `Entra ID has no delete for authentication methods of type ${device.kind}`);
		}
		const path = `/users/${this.id(user.id)}/authentication/${segment}/${this.id(device.id)}`;
		const result = await this.write(
			{ method: 'DELETE', path, params: {}, target: { kind: 'device', id: device.id, name: user.username }, before: { kind: device.kind, label: device.label ?? '' } },
			async () => await this.send({ method: 'DELETE', path, allowNotFound: true, accept: isDefaultMethodRefusal }),
		);
		if (result?.statusCode === 400) {
			// A refused delete changed nothing: the record keeps only the deletes that took effect.
			this.writes.pop();
			return 'refused';
		}
		return 'deleted';
	}

	private defaultKept(user: MfaUser): NodeOperationError {
		return new NodeOperationError(this.ctx.getNode(), `Entra ID refused to delete the default MFA method of ${user.username}`, {
			description:
				"Entra keeps a user's default method while other methods remain, and some remaining method is of a type Graph v1.0 cannot delete: remove it in the Entra admin center, then run the item again",
		});
	}

	async removeDevice(user: MfaUser, device: MfaDevice): Promise<void> {
		if (isPlannedId(user.id) || !this.knownDevices(user).some((candidate) => candidate.id === device.id)) return;
		const deferred = this.deferred.get(user.id) ?? [];
		if ((await this.deleteMethod(user, device)) === 'refused') {
			const held = [...deferred, device];
			this.deferred.set(user.id, held);
			if (this.knownDevices(user).every((left) => held.some((candidate) => candidate.id === left.id))) {
				throw this.defaultKept(user);
			}
			return;
		}
		this.devicesRemoved(user, [device.id]);
		const remaining = this.knownDevices(user);
		if (deferred.length === 0 || remaining.some((left) => !deferred.some((held) => held.id === left.id))) return;
		this.deferred.delete(user.id);
		for (const held of deferred) {
			if ((await this.deleteMethod(user, held)) === 'refused') throw this.defaultKept(user);
			this.devicesRemoved(user, [held.id]);
		}
	}
}
