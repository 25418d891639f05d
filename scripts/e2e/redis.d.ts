export interface RedisServer {
	host: string;
	port: number;
	/** Working folder; removed by stop(). */
	folder: string;
	logs(): string;
	/** Sends one inline command (e.g. `DBSIZE`) and resolves with the first reply line. */
	command(command: string): Promise<string>;
	stop(): Promise<void>;
}

/** A throwaway Redis on 127.0.0.1 and a free port, without persistence. */
export function startRedis(options?: {
	/** Defaults to a free port. */
	port?: number;
	startTimeoutMs?: number;
}): Promise<RedisServer>;
