import type { IDataObject } from 'n8n-workflow';

import type { IdentityUser, MfaFactor } from '../model';

/**
 * The port every MFA provider implements. The sync core reads and writes an MFA provider only
 * through it; an adapter keeps the provider's transport, signing, caches and object shapes.
 */

/** Whether a user can sign in: what the core decides. Other provider states are left alone. */
export type MfaUserStatus = 'active' | 'disabled' | 'bypass' | 'locked' | 'other';

export interface MfaGroup {
	id: string;
	name: string;
	/** Where IdP markers (`idp:<idp>:<tenant>/<id>`) are kept; '' when the provider has none. */
	description: string;
}

export interface MfaDevice {
	/** Provider-specific kind, e.g. phone, token, webauthn, u2f, bypassCode. */
	kind: string;
	id: string;
	label?: string;
}

export interface MfaUser {
	id: string;
	username: string;
	status: MfaUserStatus;
	/** The provider's own word for the status, for messages. */
	statusLabel: string;
	/** Current values of the provider's writable profile fields ('' when empty). */
	fields: Record<string, string>;
	/** Every value the provider matches the user by besides the username (aliases, external ids). */
	aliases: string[];
	groups: MfaGroup[];
	email?: string;
	/** As-of time of the newest IdP state applied to this user, when the provider keeps one. */
	watermark?: string;
}

export interface UserRef {
	/** The provider's user id. */
	id?: string;
	/** Anchor values (the IdP's immutable user id), tried in order before the username. */
	anchors?: string[];
	username?: string;
}

export interface GroupQuery {
	id?: string;
	/** Markers in the group description, any of which identifies the group. */
	markers?: string[];
	name?: string;
}

/** Profile, status and watermark changes of one user write. */
export interface UserChanges {
	username?: string;
	fields?: Record<string, string>;
	/** `active`, `disabled`, or another status of the provider's own (Duo: `bypass`). */
	status?: string;
	/** Recorded with the write when the provider keeps a watermark on the user. */
	watermark?: string;
}

export interface NewUser {
	username: string;
	fields: Record<string, string>;
	status?: string;
	watermark?: string;
}

export interface CreateOutcome<T> {
	value: T;
	/** The object existed already (a concurrent or earlier write made it); nothing was created. */
	existed: boolean;
}

/** One write to the provider, described before it is sent: the request and what it changes. */
export interface PlannedWrite {
	method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	path: string;
	params: IDataObject;
	target: { kind: 'user' | 'group' | 'membership' | 'device' | 'enrollment'; id?: string; name?: string };
	before?: IDataObject;
	after?: IDataObject;
}

export interface MfaCapabilities {
	/** The provider's name in messages: "Duo". */
	provider: string;
	/** Writable profile fields, in display order. */
	profileFields: readonly string[];
	/** Profile fields that can hold the IdP user id anchor, first one the default. */
	anchorFields: readonly string[];
	groups: boolean;
	/** Group descriptions can hold IdP markers. */
	groupMarkers: boolean;
	enrollmentEmail: boolean;
	/** The user record keeps the sync watermark, written together with other changes. */
	watermark: boolean;
	/** Whether an IdP factor is one this provider owns (an IdP reset of it resets the provider). */
	ownsFactor(factor: MfaFactor): boolean;
	/** The profile fields an IdP user fills without a mapping profile; undefined values are left out. */
	identityFields(user: IdentityUser): Record<string, string | undefined>;
	/** Profile fields a new user must have: without one, the user is not created and the result says which. */
	requiredOnCreate?: readonly string[];
	/**
	 * What the provider cannot do, each with the reason results give: the core plans none of it.
	 * `createUser`: a missing user is left out; `rename`: a differing username is left as it is;
	 * `groups` (with `groups: false`): group and membership events are skipped.
	 */
	unsupported?: { createUser?: string; rename?: string; groups?: string };
}

/** What a lookup must bring back besides the user itself. */
export interface UserNeeds {
	/**
	 * The user's groups. A provider that reads them with a call of their own reads them only when
	 * asked, and may otherwise leave `groups` empty.
	 */
	groups?: boolean;
}

export interface MfaDirectory {
	readonly capabilities: MfaCapabilities;
	/** Identifies the provider account, so that in-memory state of two accounts never mixes. */
	readonly accountKey: string;
	readonly dryRun: boolean;
	/** Every write of the execution, in order: sent, or in a dry run only planned. */
	readonly writes: readonly PlannedWrite[];

	/** Reads, in as few calls as the provider allows, every user the given keys or ids match. */
	prefetchUsers(lookup: { keys?: Iterable<string>; ids?: Iterable<string> }): Promise<void>;
	findUser(ref: UserRef, needs?: UserNeeds): Promise<MfaUser | undefined>;
	/**
	 * Every user, read page by page in as few calls as the provider allows; afterwards `findUser`
	 * knows without asking that a user it has not seen does not exist.
	 */
	listUsers(progress?: (read: number, total?: number) => void): Promise<MfaUser[]>;
	/** Reads the user again, for when another execution may have changed it since this one read it. */
	refreshUser(ref: UserRef): Promise<void>;
	createUser(user: NewUser): Promise<CreateOutcome<MfaUser>>;
	updateUser(user: MfaUser, changes: UserChanges): Promise<MfaUser>;
	deleteUser(user: MfaUser): Promise<void>;

	findGroup(query: GroupQuery, options?: { markerFirst?: boolean }): Promise<MfaGroup | undefined>;
	listGroups(limit?: number): Promise<MfaGroup[]>;
	createGroup(group: { name: string; description?: string }): Promise<CreateOutcome<MfaGroup>>;
	/** Undefined when the group no longer exists; `requery` finds it again if its id was stale. */
	updateGroup(
		group: MfaGroup,
		changes: { name?: string; description?: string },
		requery?: GroupQuery,
	): Promise<MfaGroup | undefined>;
	deleteGroup(group: MfaGroup, requery?: GroupQuery): Promise<MfaGroup | undefined>;
	/** The group the user is now in, or undefined when the group no longer exists. */
	addToGroup(user: MfaUser, group: MfaGroup): Promise<MfaGroup | undefined>;
	removeFromGroup(user: MfaUser, group: MfaGroup): Promise<void>;

	listDevices(user: MfaUser): Promise<MfaDevice[]>;
	removeDevice(user: MfaUser, device: MfaDevice): Promise<void>;
	sendEnrollment?(user: MfaUser, email: string): Promise<void>;

	/** Keeps what the directory learnt for later executions; called once after the items ran. */
	close(): Promise<void>;
}
