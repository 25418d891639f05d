import type { IExecuteFunctions } from 'n8n-workflow';

import type {
	DirectoryUser,
	IdentityProviderId,
	IdentityUser,
	UserStatus,
} from '../../shared/model';

/** One group of the directory, as Get Groups emits it. */
export interface DirectoryGroup {
	id: string;
	name?: string;
	description?: string;
	/** Only where the identity provider reports it with the group list. */
	memberCount?: number;
}

export interface UserFilters {
	/** Normalized statuses to keep; empty keeps every user the provider lists by default. */
	statuses: UserStatus[];
	/** A group ID or exact group name: only its direct members. */
	group?: string;
	/** An expression in the provider's own search syntax, sent as is. */
	search?: string;
}

/** A user as read, before its groups are known, with the send time of the request that read it. */
export interface ReadUser {
	user: IdentityUser;
	observedAt: string;
}

export interface GroupListing {
	groups: DirectoryGroup[];
	observedAt: string;
}

/** Reads one identity provider's directory the cheapest way it allows. */
export interface DirectoryReader {
	idp: IdentityProviderId;
	tenant: string;
	readGroups(): Promise<GroupListing>;
	readUsers(filters: UserFilters): Promise<DirectoryUser[]>;
}

export type DirectoryContext = IExecuteFunctions;
