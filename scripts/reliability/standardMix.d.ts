import type { FakeDuoSeedGroup, FakeDuoSeedUser, FakeDuoSnapshot } from '../../sandbox/duo/server';
import type { FakeOktaUser } from '../../sandbox/okta/server';
import type { OktaDelivery } from '../demo/oktaDeliveries';

/** Output of ../shared/bench/okta-duo-mix.mjs. */
export interface StandardMix {
	params: { users: number; groups: number; events: number; seed: number };
	/** The directory after the whole stream, as enrichment reads it. */
	okta: {
		users: Array<FakeOktaUser & { id: string }>;
		groups: Array<{ id: string; name: string }>;
		memberships: Record<string, string[]>;
	};
	duo: { users: FakeDuoSeedUser[]; groups: FakeDuoSeedGroup[] };
	deliveries: OktaDelivery[];
	expected: {
		duoUsers: Record<string, { status: string; email: string; lastname: string; groups: string[] }>;
		deleted: string[];
	};
	lowerBound: {
		calls: number;
		writes: number;
		lookups: number;
		events: number;
		deliveries: number;
	};
}

export interface ComparableDuoState {
	users: Record<
		string,
		{ status: string; email: string; lastname: string; groups: string[]; devices: number }
	>;
	deleted: string[];
}

export function standardMix(params?: Partial<StandardMix['params']>): StandardMix;
export function oktaDirectoryOf(mix: StandardMix): {
	apiToken: string;
	users: FakeOktaUser[];
	groups: Array<{ id: string; name: string }>;
	memberships: Record<string, string[]>;
};
export function deliveriesForEvents(mix: StandardMix, events: number): number;
export function comparableDuoState(snapshot: FakeDuoSnapshot): ComparableDuoState;
export function stateDifferences(
	actual: ComparableDuoState,
	expected: ComparableDuoState,
	limit?: number,
): string[];
export function replayInProcess(options: {
	checkpoints: number[];
	includeGroups?: boolean;
}): Promise<Record<number, ComparableDuoState>>;
export function replayInChildProcess(options: {
	checkpoints: number[];
	includeGroups?: boolean;
}): Promise<Record<number, ComparableDuoState>>;
