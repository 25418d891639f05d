import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { MfaCapabilities } from '../../../../nodes/shared/mfa/port';
import type { IdentityEvent } from '../../../../nodes/shared/model';

/** A user of the MFA provider as the contract compares it, whatever the provider calls things. */
export interface ContractUser {
	status: 'active' | 'disabled' | 'other';
	familyName: string;
	groups: string[];
	devices: number;
}

export interface ContractState {
	users: Record<string, ContractUser>;
	/** Group names, sorted. */
	groups: string[];
}

/**
 * A provider-neutral seed: users by username (their email address is `<username>@contract.test`),
 * with their groups and enrolled devices.
 */
export interface ContractSeed {
	users: Array<{
		username: string;
		familyName?: string;
		status?: 'active' | 'disabled';
		groups?: string[];
		devices?: number;
		/** An anchor value already stored on the user (the bare IdP id of an earlier version). */
		anchor?: string;
	}>;
	/** Groups; `marker` is an IdP marker already in the description (the group is owned). */
	groups: Array<{ name: string; marker?: string }>;
}

export interface ProviderFake {
	state(): ContractState;
	/** Writes the provider received since the fake started, as method, path and params. */
	writes(): Array<{ method: string; path: string; params: unknown }>;
	/** API calls the provider received (reads and writes; token requests left out). */
	apiCalls(): number;
	/** Links a new device to a user, as enrolling would. */
	enroll(username: string): void;
	/** The users the provider was asked to email an enrollment link, by username. */
	enrollmentEmails(): string[];
	close(): Promise<void>;
}

/** One MFA provider under the contract: its fake and its node, run through n8n-core's contexts. */
export interface ProviderUnderContract {
	name: string;
	/** What the provider can do: rows that need a capability it lacks assert the explanatory skip instead. */
	capabilities: MfaCapabilities;
	start(seed: ContractSeed): Promise<ProviderFake>;
	/** Runs the provider's node once with the given parameters (Apply unless said otherwise). */
	run(fake: ProviderFake, parameters: INodeParameters, items: IdentityEvent[]): Promise<IDataObject[]>;
}
