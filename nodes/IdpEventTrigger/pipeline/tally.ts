import { emptyRecord } from '../../shared/security/ownKeys';

/** Counts keyed by text from the delivery (event types, reasons); any key is a plain key. */
export type Tally = Record<string, number>;

export function newTally(): Tally {
	return emptyRecord<number>();
}

export function bump(tally: Tally, key: string): void {
	tally[key] = (tally[key] ?? 0) + 1;
}

export function tallyTotal(tally: Tally): number {
	return Object.values(tally).reduce((sum, count) => sum + count, 0);
}
