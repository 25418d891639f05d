export interface N8nInstall {
	cacheDir: string;
	nodeHome: string;
	nodeBin: string;
	n8nHome: string;
	n8nBin: string;
	n8nVersion: string;
	nodeVersion: string;
}

export interface N8nCredentialImport {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface StartOptions {
	/** The packed package, from packPackage(), installed into <user folder>/.n8n/nodes as a manual install does. */
	tarball?: string;
	/** Puts the package in place instead of `tarball`; receives the n8n folder (<user folder>/.n8n). */
	installPackage?: (n8nFolder: string) => Promise<void>;
	/** Workflow JSON objects, imported inactive; give them fixed ids to publish them later. */
	workflows?: object[];
	credentials?: N8nCredentialImport[];
	port?: number;
	/** Defaults to a new temporary folder that stop() removes. */
	userFolder?: string;
	/** Extra n8n environment variables. */
	env?: Record<string, string>;
	login?: { email: string; password: string };
	/** Names this run in the metrics file run-e2e.js reads. */
	label?: string;
	startTimeoutMs?: number;
	onLog?: (text: string) => void;
}

export interface N8nExecution {
	id: string;
	workflowId: string;
	status: 'success' | 'error' | 'crashed' | 'canceled' | 'new' | 'running' | 'waiting' | 'unknown';
	mode: string;
	finished: boolean;
	startedAt: string;
	stoppedAt: string | null;
	data?: {
		resultData: {
			runData: Record<
				string,
				Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }>> } }>
			>;
			error?: { message: string };
		};
	};
}

/** GET /rest/workflows/{id}/publication-status of n8n 2.41.1 */
export interface PublicationStatus {
	status: 'in_progress' | 'not_published' | 'published' | 'partial' | 'failed';
	liveVersionId: string | null;
	pendingVersionId: string | null;
	triggers: Array<{ nodeId: string; status: string; errorMessage: string | null }>;
}

export interface MemoryUsage {
	rssBytes: number;
	peakRssBytes: number;
	processes: Array<{ pid: number; name: string; rssBytes: number }>;
}

export interface N8nHandle {
	baseUrl: string;
	login: { email: string; password: string };
	apiKey: string;
	userFolder: string;
	logFile: string;
	/** ensureInstallMs, packageInstallMs, importMs, startMs, apiKeyMs */
	timings: Record<string, number>;
	webhookUrl(path: string): string;
	api(method: string, route: string, body?: unknown): Promise<unknown>;
	/** Publishes and waits until the triggers are activated; rejects when activation failed. */
	publish(
		workflowId: string,
		options?: { timeoutMs?: number },
	): Promise<PublicationStatus | undefined>;
	/** Unpublishes and waits until the triggers are deactivated (webhookMethods.delete has run). */
	unpublish(
		workflowId: string,
		options?: { timeoutMs?: number },
	): Promise<PublicationStatus | undefined>;
	executions(filter?: { workflowId?: string; status?: string }): Promise<N8nExecution[]>;
	waitForExecutions(workflowId: string, count: number, timeoutMs?: number): Promise<N8nExecution[]>;
	waitForWebhook(
		url: string,
		options?: { method?: string; headers?: Record<string, string>; timeoutMs?: number },
	): Promise<{ status: number; text: string; json: unknown }>;
	/** Type descriptions n8n loaded (names like `n8n-nodes-idp-mfa-sync.idpEventTrigger`, `oktaIdpApi`). */
	loadedTypes(): Promise<{
		nodes: Array<{
			name: string;
			version: number | number[];
			credentials?: Array<{ name: string }>;
		}>;
		credentials: Array<{ name: string; displayName: string }>;
	}>;
	memoryUsage(): MemoryUsage;
	logs(): string;
	stop(): Promise<void>;
}

/** The owner startN8n and startQueueCluster sign in as unless told otherwise. */
export const DEFAULT_LOGIN: { email: string; password: string };
export const TARBALL_ENV: string;
/** run-e2e.js's tarball (TARBALL_ENV) or a fresh pack of the built repository. */
export function packedPackage(): Promise<{ tarball: string; cleanup: () => void }>;
export function packPackage(repoRoot: string, options?: { destination?: string }): Promise<string>;
export function startN8n(options: StartOptions): Promise<N8nHandle>;
export function ensureN8nInstall(options?: {
	env?: NodeJS.ProcessEnv;
	onOutput?: (chunk: string) => void;
}): Promise<N8nInstall>;
export function freePort(): Promise<number>;
export function executionItems(
	execution: N8nExecution,
	nodeName: string,
): Array<{ json: Record<string, unknown> }>;
