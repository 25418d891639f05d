export interface PostgresServer {
	host: string;
	port: number;
	user: string;
	password: string;
	/** Created empty at start. */
	database: string;
	/** Data folder, socket and log; removed by stop(). */
	folder: string;
	logs(): string;
	createDatabase(name: string): Promise<void>;
	stop(): Promise<void>;
}

/** A throwaway PostgreSQL on 127.0.0.1 and a free port (as root: run as the `postgres` user). */
export function startPostgres(options?: {
	database?: string;
	user?: string;
	password?: string;
	/** Defaults to a free port. */
	port?: number;
	startTimeoutMs?: number;
}): Promise<PostgresServer>;
