import type { MemoryUsage, N8nCredentialImport, N8nHandle } from './n8nInstance';
import type { PostgresServer } from './postgres';
import type { RedisServer } from './redis';

export type ProcessRole = 'main' | 'worker' | 'webhook';

export interface QueueClusterOptions {
	/** The packed package, from packPackage(); installed into every process's user folder. */
	tarball: string;
	/** Workflow JSON objects, imported inactive into the shared database. */
	workflows?: object[];
	credentials?: N8nCredentialImport[];
	/** `n8n worker` processes, named worker-1, worker-2, ... (default 2). */
	workers?: number;
	/** `n8n webhook` processes, named webhook-1, ... (default 1); 0 leaves webhooks to the main. */
	webhookProcesses?: number;
	/** Jobs one worker runs at once (`n8n worker --concurrency`; n8n's default is 10). */
	workerConcurrency?: number;
	/** Extra environment for every process. */
	env?: Record<string, string>;
	/** Extra environment per role, e.g. `{ main: { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' } }`. */
	roleEnv?: Partial<Record<ProcessRole, Record<string, string>>>;
	login?: { email: string; password: string };
	/** Names this run in the metrics file run-e2e.js reads. */
	label?: string;
	startTimeoutMs?: number;
	onLog?: (processName: string, text: string) => void;
}

export interface ClusterProcess {
	/** main, webhook-1, worker-1, ... */
	name: string;
	role: ProcessRole;
	/** Its HTTP server: the app of a main or webhook process, a worker's health server. */
	url: string;
	pid(): number;
	running(): boolean;
	logFile(): string;
	logs(): string;
	/** Signals the process and its task runner (SIGKILL by default) and waits until they are gone. */
	kill(signal?: NodeJS.Signals): Promise<void>;
	/** SIGTERM, then SIGKILL after 10 s. */
	stop(): Promise<void>;
	/** Starts it again with the same folder, ports and environment, and waits until it is ready. */
	restart(): Promise<void>;
}

export interface QueueCluster extends N8nHandle {
	/** The main: editor, REST and public API, trigger activation. Same as baseUrl. */
	mainUrl: string;
	/** The first webhook process; WEBHOOK_URL points here, so n8n gives this address to IdPs. */
	webhookProcessUrl: string;
	postgres: PostgresServer;
	redis: RedisServer;
	/** Every process name, main first. */
	names: string[];
	/** Worker process names. */
	workers: string[];
	process(name: string): ClusterProcess;
	/** Production URL of a webhook path on `via` (main, webhook-1, ...), by default WEBHOOK_URL's. */
	webhookUrl(path: string, via?: string): string;
	/** Sends a request to a production webhook path on one process. */
	sendTo(
		via: string,
		path: string,
		init?: RequestInit & { json?: unknown },
	): Promise<{ status: number; headers: Headers; text: string; json: any }>;
	/** The worker whose log says it finished the execution, if any did. */
	executedBy(executionId: string): string | undefined;
	memoryUsage(): MemoryUsage;
	/** Output of every process, each under a header. */
	logs(): string;
}

/** Queue-mode environment every process shares (EXECUTIONS_MODE, DB_*, QUEUE_BULL_REDIS_*, WEBHOOK_URL, ...). */
export function queueEnvironment(
	postgres: { host: string; port: number; database: string; user: string; password: string },
	redis: { host: string; port: number },
	webhookBaseUrl: string,
): Record<string, string>;

/**
 * PostgreSQL, Redis and n8n 2.41.1 in queue mode: one main, `workers` workers, `webhookProcesses`
 * webhook processes, each with the package installed. Imports, then signs in on the main and
 * creates an API key. stop() ends every process and server and removes their folders.
 */
export function startQueueCluster(options: QueueClusterOptions): Promise<QueueCluster>;
