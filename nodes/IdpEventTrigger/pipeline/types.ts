import type { IdentityEvent } from '../../shared/model';
import type { Tally } from './tally';

export interface NormalizeOutcome {
	events: IdentityEvent[];
	/** Counts of raw events that produced nothing, keyed by raw type (and reason). */
	ignored: Tally;
	/** Raw events whose outcome was a failure: the change did not happen in the IdP. */
	failedOutcomes: number;
}

/** What the reply to an accepted delivery reports. */
export interface DeliverySummary {
	received: number;
	emitted: number;
	duplicates: number;
	failedOutcomes: number;
	unselected: number;
	ignored: Tally;
}
