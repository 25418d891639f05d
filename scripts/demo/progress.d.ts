export interface Stage<T> {
	label: string;
	doneLabel?: (result: T) => string;
	slow?: string;
}

export interface Progress {
	done: Array<[string, number]>;
	run<T>(stage: Stage<T>, work: () => Promise<T>): Promise<T>;
}

export function createProgress(options: {
	total: number;
	write?: (text: string) => void;
	isTTY?: boolean;
	width?: number;
}): Progress;

/** "9.4 s", "3 min 05 s" */
export function elapsed(ms: number): string;
