import { NodeOperationError, type INode } from 'n8n-workflow';

import type {
	CreateOutcome,
	MfaDevice,
	MfaDirectory,
	MfaGroup,
	MfaUser,
	PlannedWrite,
	UserChanges,
	UserRef,
} from '../../shared/mfa/port';
import { RSA_CAPABILITIES, RSA_NO_GROUPS, RSA_NOT_CREATED } from './capabilities';
import type { RsaSecurIdClient } from './RsaSecurIdClient';
import type { RsaDevice, RsaUser, RsaUserStatus } from './rsaObjects';
import { devicesOf, HARDWARE_TOKEN, mfaUserOf } from './rsaView';

export interface RsaDirectoryOptions {
	/** Identifies the tenant (its Admin REST API URL), so that state of two tenants never mixes. */
	account: string;
	/** Writes are recorded and answered as if they had succeeded, without reaching RSA; reads happen. */
	dryRun?: boolean;
}

const segment = (value: string) => encodeURIComponent(value);

const emailKey = (value: string) => value.trim().toLowerCase();

/** Only an email address can be looked up: RSA's User Details API takes nothing else. */
const isEmail = (value: string) => /^[^@\s]+@[^@\s]+$/.test(value.trim());

/**
 * RSA SecurID as the sync core sees it (the MfaDirectory port), for one execution, over the RSA
 * client and a legacy Administration API key. RSA looks users up one email address per request
 * (in parallel, each at most once per execution) and has no read by user id, so a user is found by
 * id only once this execution read it. Users are never created and profiles never written (the
 * identity source owns both), and there are no groups: the capabilities say so, so the core plans
 * none of it, and the methods that would do it refuse.
 */
export class RsaDirectory implements MfaDirectory {
	readonly capabilities = RSA_CAPABILITIES;

	readonly writes: PlannedWrite[] = [];

	readonly dryRun: boolean;

	readonly accountKey: string;

	private readonly byEmail = new Map<string, RsaUser>();

	private readonly byId = new Map<string, RsaUser>();

	/** Emails asked about this execution, found or not. */
	private readonly asked = new Set<string>();

	/** The email of every user id seen, kept when the user is forgotten so it can be read again. */
	private readonly emailOfId = new Map<string, string>();

	private readonly devices = new Map<string, RsaDevice[]>();

	/** Set once every user was listed: an email not found then is known to be missing. */
	private complete = false;

	/** Emails forgotten since the listing, which must be read again. */
	private readonly forgotten = new Set<string>();

	/** In a dry run: users this execution would have deleted, so later reads do not revive them. */
	private readonly deleted = new Set<string>();

	constructor(
		private readonly node: INode,
		private readonly client: RsaSecurIdClient,
		options: RsaDirectoryOptions,
	) {
		this.dryRun = options.dryRun === true;
		this.accountKey = `rsa ${options.account.trim().toLowerCase()}`;
	}

	/** The one way this directory changes RSA; in a dry run the write is only recorded. */
	private async write<T>(plan: PlannedWrite, send: () => Promise<T>): Promise<T | undefined> {
		this.writes.push(plan);
		return this.dryRun ? undefined : await send();
	}

	private put(user: RsaUser): RsaUser {
		const known = this.byId.get(user.id);
		if (known && emailKey(known.emailAddress) !== emailKey(user.emailAddress)) {
			this.byEmail.delete(emailKey(known.emailAddress));
		}
		const merged = { ...(known ?? {}), ...user };
		this.byId.set(merged.id, merged);
		this.byEmail.set(emailKey(merged.emailAddress), merged);
		this.emailOfId.set(merged.id, merged.emailAddress);
		return merged;
	}

	private forget(user: RsaUser): void {
		this.byId.delete(user.id);
		this.byEmail.delete(emailKey(user.emailAddress));
	}

	/** Looks up every email address not asked about yet; ids can only be answered from what was read. */
	async prefetchUsers(lookup: { keys?: Iterable<string>; ids?: Iterable<string> }): Promise<void> {
		const emails = [...new Set([...(lookup.keys ?? [])].filter(isEmail).map(emailKey))].filter(
			(email) => !this.asked.has(email) && !(this.complete && !this.forgotten.has(email)),
		);
		if (emails.length === 0) return;
		const found = await this.client.lookupUsers(emails);
		for (const email of emails) this.asked.add(email);
		for (const user of found.values()) if (!this.deleted.has(user.id)) this.put(user);
	}

	/** The RSA user, by id when this execution read it, else by username (the email address). */
	async findRsaUser(ref: UserRef): Promise<RsaUser | undefined> {
		if (ref.id) {
			const known = this.byId.get(ref.id);
			if (known || !this.emailOfId.has(ref.id) || this.deleted.has(ref.id)) return known;
			await this.refreshUser(ref);
			return this.byId.get(ref.id);
		}
		if (!ref.username) return undefined;
		await this.prefetchUsers({ keys: [ref.username] });
		return this.byEmail.get(emailKey(ref.username));
	}

	async findUser(ref: UserRef): Promise<MfaUser | undefined> {
		const user = await this.findRsaUser(ref);
		return user ? mfaUserOf(user) : undefined;
	}

	/**
	 * Every user, by a search for the email addresses that contain "@" (25 a page, the most RSA
	 * serves). [unverified] that RSA's `emailLike` matches every user for "@".
	 */
	async listUsers(progress?: (read: number, total?: number) => void): Promise<MfaUser[]> {
		const listed = await this.client.searchUsers('@', { onPage: (read) => progress?.(read) });
		const users = listed.filter((user) => !this.deleted.has(user.id)).map((user) => this.put(user));
		this.complete = true;
		return users.map(mfaUserOf);
	}

	async refreshUser(ref: UserRef): Promise<void> {
		const email = ref.id ? this.emailOfId.get(ref.id) : ref.username;
		if (!email || !isEmail(email)) return;
		const known = this.byEmail.get(emailKey(email));
		if (known) this.forget(known);
		this.asked.delete(emailKey(email));
		this.forgotten.add(emailKey(email));
		await this.prefetchUsers({ keys: [email] });
	}

	private cached(user: MfaUser): RsaUser {
		return this.byId.get(user.id) ?? { id: user.id, emailAddress: user.username, userStatus: 'Enabled' };
	}

	private refuse(what: string, why: string): never {
		throw new NodeOperationError(this.node, `RSA SecurID cannot ${what} through the Administration API`, {
			description: why,
		});
	}

	async createUser(): Promise<CreateOutcome<MfaUser>> {
		return this.refuse('create users', RSA_NOT_CREATED);
	}

	private async setUserStatus(user: RsaUser, userStatus: RsaUserStatus): Promise<RsaUser> {
		await this.write(
			{
				method: 'PUT',
				path: `/v1/users/${segment(user.id)}/userStatus`,
				params: { userStatus },
				target: { kind: 'user', id: user.id, name: user.emailAddress },
				before: { userStatus: user.userStatus },
				after: { userStatus },
			},
			async () => await this.client.setUserStatus(user.id, userStatus),
		);
		return this.put({ ...user, userStatus });
	}

	/** Takes back a pending deletion: RSA changes nothing else of a user marked deleted. */
	private async unmarkDeleted(user: RsaUser): Promise<RsaUser> {
		if (user.markDeleted !== true) return user;
		await this.write(
			{
				method: 'PUT',
				path: `/v1/users/${segment(user.id)}/markDeleted`,
				params: { markDeleted: false },
				target: { kind: 'user', id: user.id, name: user.emailAddress },
				before: { markDeleted: true },
				after: { markDeleted: false },
			},
			async () => await this.client.markUserDeleted(user.id, false),
		);
		return this.put({ ...user, markDeleted: false, markDeletedAt: null });
	}

	async updateUser(user: MfaUser, changes: UserChanges): Promise<MfaUser> {
		if (changes.username !== undefined || Object.keys(changes.fields ?? {}).length > 0) {
			this.refuse('change user profiles', 'The identity source (directory sync or SCIM) owns the profile and the email address');
		}
		let current = this.cached(user);
		if (changes.status === 'active' || changes.status === 'disabled') {
			if (changes.status === 'active') current = await this.unmarkDeleted(current);
			current = await this.setUserStatus(current, changes.status === 'active' ? 'Enabled' : 'Disabled');
		} else if (changes.status !== undefined) {
			this.refuse(`set the status "${changes.status}"`, 'An RSA SecurID user is enabled or disabled');
		}
		return mfaUserOf(current);
	}

	/**
	 * Deletes the user at once with its devices (Delete User Now: Super Admin keys only). RSA deletes
	 * only a disabled user that is not pending deletion, so such a user is first disabled, or its
	 * pending deletion taken back.
	 */
	async deleteUser(user: MfaUser): Promise<void> {
		let current = await this.unmarkDeleted(this.cached(user));
		if (current.userStatus !== 'Disabled') current = await this.setUserStatus(current, 'Disabled');
		await this.write(
			{
				method: 'DELETE',
				path: `/v1/users/${segment(current.id)}`,
				params: {},
				target: { kind: 'user', id: current.id, name: current.emailAddress },
				before: { emailAddress: current.emailAddress, userStatus: current.userStatus },
			},
			async () => await this.client.deleteUserNow(current.id),
		);
		this.forget(current);
		if (this.dryRun) this.deleted.add(current.id);
	}

	async findGroup(): Promise<MfaGroup | undefined> {
		return undefined;
	}

	async listGroups(): Promise<MfaGroup[]> {
		return [];
	}

	async createGroup(): Promise<CreateOutcome<MfaGroup>> {
		return this.refuse('create groups', RSA_NO_GROUPS);
	}

	async updateGroup(): Promise<MfaGroup | undefined> {
		return this.refuse('change groups', RSA_NO_GROUPS);
	}

	async deleteGroup(): Promise<MfaGroup | undefined> {
		return this.refuse('delete groups', RSA_NO_GROUPS);
	}

	async addToGroup(): Promise<MfaGroup | undefined> {
		return this.refuse('add users to groups', RSA_NO_GROUPS);
	}

	async removeFromGroup(): Promise<void> {
		this.refuse('remove users from groups', RSA_NO_GROUPS);
	}

	/** Every authenticator of the user, SecurID 700 tokens and browsers included; read once per execution. */
	async rsaDevices(user: MfaUser): Promise<RsaDevice[]> {
		let devices = this.devices.get(user.id);
		if (!devices) {
			devices = await this.client.listDevices(user.id, { includeBrowsers: true });
			this.devices.set(user.id, devices);
		}
		return devices;
	}

	async listDevices(user: MfaUser): Promise<MfaDevice[]> {
		return devicesOf(await this.rsaDevices(user));
	}

	/**
	 * Deletes one authenticator; a SecurID 700 token is unassigned from the user by its serial number
	 * instead. [unverified] whether the Delete User Device API also takes a hardware token's device id.
	 */
	async removeDevice(user: MfaUser, device: MfaDevice): Promise<void> {
		const native = (this.devices.get(user.id) ?? []).find((entry) => entry.id === device.id);
		const serial = device.kind === HARDWARE_TOKEN ? native?.tokenSerialNumber : undefined;
		const target = { kind: 'device' as const, id: device.id, name: user.username };
		if (serial) {
			await this.write(
				{
					method: 'PATCH',
					path: `/v1/users/${segment(user.id)}/sidTokens/unassign`,
					params: { tokenSerialNumber: serial },
					target,
					before: { userId: user.id, tokenSerialNumber: serial },
				},
				async () => await this.client.unassignHardwareToken(user.id, serial),
			);
		} else {
			await this.write(
				{
					method: 'DELETE',
					path: `/v1/users/${segment(user.id)}/devices/${segment(device.id)}`,
					params: {},
					target,
					before: { userId: user.id, type: device.kind },
				},
				async () => await this.client.deleteDevice(user.id, device.id),
			);
		}
		const devices = this.devices.get(user.id);
		if (devices) this.devices.set(user.id, devices.filter((entry) => entry.id !== device.id));
	}

	async close(): Promise<void> {
		this.devices.clear();
	}
}
