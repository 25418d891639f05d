'use strict';

/**
 * n8n 2.41.1 in queue mode (EXECUTIONS_MODE=queue), as a scaled deployment runs it: one main (editor,
 * API, trigger activation, also production webhooks unless told otherwise), `n8n worker` processes
 * that run the executions they take from Redis (Bull), and `n8n webhook` processes that answer
 * production webhooks and queue the executions. All share one PostgreSQL database and one Redis,
 * both throwaway servers started here, and one encryption key. Every process has its own user
 * folder with this package installed from its packed tarball, as every instance of a real
 * deployment must.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { cleanupOnExit } = require('./exitCleanup');
const { freePorts, http } = require('./http');
const { ensureN8nInstall } = require('./install');
const { recordMetrics, stopwatch } = require('./metrics');
const { createHandle } = require('./n8nHandle');
const { n8nEnvironment } = require('./n8nEnvironment');
const { importIntoN8n } = require('./n8nImport');
const { DEFAULT_LOGIN } = require('./n8nInstance');
const { isN8nReady, ownerSessionWithApiKey } = require('./n8nSession');
const { installTarball } = require('./packing');
const { startPostgres } = require('./postgres');
const { processFamily } = require('./processTree');
const { startRedis } = require('./redis');
const { run } = require('./runCommand');
const { startServerProcess, waitUntilReady } = require('./serverProcess');

/**
 * @typedef {'main' | 'worker' | 'webhook'} ProcessRole
 *
 * @typedef {object} QueueClusterOptions
 * @property {string} tarball
 * @property {object[]} [workflows]            imported inactive into the shared database
 * @property {{ id: string, name: string, type: string, data: Record<string, unknown> }[]} [credentials]
 * @property {number} [workers]                `n8n worker` processes (default 2)
 * @property {number} [webhookProcesses]       `n8n webhook` processes (default 1)
 * @property {number} [workerConcurrency]      jobs one worker runs at once (n8n's default: 10)
 * @property {Record<string, string>} [env]    extra environment for every process
 * @property {Partial<Record<ProcessRole, Record<string, string>>>} [roleEnv]  extra environment per role
 * @property {{ email: string, password: string }} [login]
 * @property {string} [label]                  names this run in the metrics file
 * @property {number} [startTimeoutMs]
 * @property {(processName: string, text: string) => void} [onLog]
 */

/**
 * @typedef {object} ProcessSpec
 * @property {string} name          main, worker-1, webhook-1, ...
 * @property {ProcessRole} role
 * @property {string} command       n8n CLI command
 * @property {number} port          HTTP port: the server of main and webhook processes, a worker's health server
 * @property {number} brokerPort    its task runner broker
 * @property {string} userFolder
 *
 * @typedef {object} Member
 * @property {ProcessSpec} spec
 * @property {import('./serverProcess').ServerProcess} server   the current run
 * @property {() => string} logs                               output of every run so far
 */

/** Environment every process of the cluster shares. */
function queueEnvironment(
	/** @type {{ host: string, port: number, database: string, user: string, password: string }} */ postgres,
	/** @type {{ host: string, port: number }} */ redis,
	/** @type {string} */ webhookBaseUrl,
) {
	return {
		EXECUTIONS_MODE: 'queue',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		// n8n 3 makes this the only behaviour; it also spares the main a task runner.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		// The public address of production webhooks: what the IdP is told to call. In a deployment
		// a load balancer routes /webhook/* there to the webhook processes.
		WEBHOOK_URL: webhookBaseUrl,
	};
}

/** Environment of one role; a worker's health server tells when it is connected and ready. */
function roleEnvironment(/** @type {ProcessSpec} */ spec) {
	if (spec.role !== 'worker') return {};
	return {
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		QUEUE_HEALTH_CHECK_PORT: String(spec.port),
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
	};
}

/**
 * Starts PostgreSQL, Redis and the n8n processes; imports, signs in and creates an API key on the
 * main. The handle drives the main like startN8n's, and adds the processes and the webhook entry.
 * @param {QueueClusterOptions} options
 */
async function startQueueCluster(options) {
	if (!options || !options.tarball) throw new Error('startQueueCluster needs the packed tarball');
	const { timings, lap } = stopwatch();
	/** @type {Array<() => Promise<void>>} */
	const stops = [];
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-mfa-sync-queue-'));
	const removeRoot = () => {
		if (process.env.IDP_MFA_SYNC_KEEP_N8N !== '1')
			fs.rmSync(root, { recursive: true, force: true });
	};
	const withdrawRemoval = cleanupOnExit(removeRoot);
	const stopAll = async () => {
		for (const stop of stops.splice(0).reverse()) await stop();
		withdrawRemoval();
		removeRoot();
	};
	try {
		/** @type {Array<[ProcessRole, string, string]>} role, name, n8n command */
		const processes = [['main', 'main', 'start']];
		for (let i = 1; i <= (options.webhookProcesses ?? 1); i++)
			processes.push(['webhook', `webhook-${i}`, 'webhook']);
		for (let i = 1; i <= (options.workers ?? 2); i++)
			processes.push(['worker', `worker-${i}`, 'worker']);
		const [postgresPort, redisPort, ...ports] = await freePorts(2 + 2 * processes.length);
		/** @type {ProcessSpec[]} */
		const specs = processes.map(([role, name, command], index) => ({
			name,
			role,
			command,
			port: ports[2 * index],
			brokerPort: ports[2 * index + 1],
			userFolder: path.join(root, name),
		}));
		const [install, postgres, redis] = await Promise.all([
			ensureN8nInstall(),
			startPostgres({ port: postgresPort }),
			startRedis({ port: redisPort }),
		]);
		stops.push(postgres.stop, redis.stop);
		lap('servicesMs');
		return await startProcesses(options, install, { postgres, redis }, specs, root, {
			timings,
			lap,
			stops,
			stopAll,
		});
	} catch (error) {
		await stopAll();
		throw error;
	}
}

/**
 * @param {QueueClusterOptions} options
 * @param {import('./install').N8nInstall} install
 * @param {{ postgres: import('./postgres').PostgresServer, redis: import('./redis').RedisServer }} services
 * @param {ProcessSpec[]} specs   the main first
 * @param {string} root
 * @param {{ timings: Record<string, number>, lap: (name: string) => void,
 *   stops: Array<() => Promise<void>>, stopAll: () => Promise<void> }} run
 */
async function startProcesses(
	options,
	install,
	services,
	specs,
	root,
	{ timings, lap, stops, stopAll },
) {
	const [main] = specs;
	const webhookSpecs = specs.filter((spec) => spec.role === 'webhook');
	const webhookBaseUrl = `http://127.0.0.1:${(webhookSpecs[0] ?? main).port}/`;

	// One npm install, copied into every user folder: the same files an install on each would give.
	const mainNodes = path.join(main.userFolder, '.n8n', 'nodes');
	await installTarball(path.resolve(options.tarball), mainNodes);
	for (const spec of specs.slice(1)) {
		fs.cpSync(mainNodes, path.join(spec.userFolder, '.n8n', 'nodes'), { recursive: true });
	}
	lap('packageInstallMs');

	const login = options.login ?? DEFAULT_LOGIN;
	const bcrypt = require(path.join(install.n8nHome, 'node_modules', 'bcryptjs'));
	const passwordHash = bcrypt.hashSync(login.password, 10);
	const shared = queueEnvironment(services.postgres, services.redis, webhookBaseUrl);
	/** @type {Map<string, NodeJS.ProcessEnv>} */
	const envs = new Map();
	for (const spec of specs) {
		const env = n8nEnvironment(
			install,
			spec.userFolder,
			spec.port,
			spec.brokerPort,
			passwordHash,
			login.email,
			{
				...shared,
				...roleEnvironment(spec),
				...options.env,
				...options.roleEnv?.[spec.role],
			},
		);
		delete env.DB_SQLITE_POOL_SIZE;
		envs.set(spec.name, env);
	}

	const mainEnv = /** @type {NodeJS.ProcessEnv} */ (envs.get('main'));
	const cli = (/** @type {string[]} */ args) =>
		run(install.nodeBin, [install.n8nBin, ...args], { cwd: main.userFolder, env: mainEnv });
	await importIntoN8n(cli, path.join(root, 'import'), options);
	lap('importMs');

	/** @type {Map<string, Member>} */
	const running = new Map();
	const launch = (/** @type {ProcessSpec} */ spec) => {
		const args = [install.n8nBin, spec.command];
		if (spec.role === 'worker' && options.workerConcurrency) {
			args.push(`--concurrency=${options.workerConcurrency}`);
		}
		const server = startServerProcess({
			command: install.nodeBin,
			args,
			cwd: spec.userFolder,
			env: envs.get(spec.name),
			logFile: path.join(root, `${spec.name}.log`),
			onLog: options.onLog && ((text) => options.onLog?.(spec.name, text)),
		});
		// A restarted process keeps the output of its earlier runs.
		const earlier = running.get(spec.name);
		const before = earlier ? earlier.logs() : '';
		running.set(spec.name, { spec, server, logs: () => before + server.logs() });
		stops.push(() => server.stop());
		return server;
	};
	const ready = async (/** @type {ProcessSpec} */ spec) => {
		const server = launch(spec);
		try {
			await waitUntilReady(
				server,
				`n8n ${spec.name}`,
				() => isN8nReady(`http://127.0.0.1:${spec.port}`),
				options.startTimeoutMs ?? 180_000,
			);
		} catch (error) {
			/** @type {Error} */ (error).message +=
				`\n--- n8n ${spec.name} output ---\n${server.logs().slice(-8_000)}`;
			throw error;
		}
	};

	let peakRssBytes = 0;
	const sampler = setInterval(() => {
		const rss = [...running.values()]
			.filter(({ server }) => !server.exited())
			.flatMap(({ server }) => processFamily(server.pid))
			.reduce((sum, info) => sum + info.rssBytes, 0);
		peakRssBytes = Math.max(peakRssBytes, rss);
	}, 1000);
	sampler.unref();
	stops.push(async () => clearInterval(sampler));

	const baseUrl = `http://127.0.0.1:${main.port}`;
	try {
		await Promise.all(specs.map(ready));
		lap('startMs');
		const { session, apiKey } = await ownerSessionWithApiKey(baseUrl, login);
		lap('apiKeyMs');
		return clusterHandle({
			specs,
			running,
			services,
			root,
			baseUrl,
			webhookBaseUrl,
			login,
			session,
			apiKey,
			timings,
			ready,
			peakRssBytes: () => peakRssBytes,
			stop: async () => {
				if (stops.length === 0) return;
				recordMetrics({ label: options.label ?? 'queue-cluster', ...timings, peakRssBytes });
				await stopAll();
			},
		});
	} catch (error) {
		const logs = [...running.values()]
			.map(({ spec, logs }) => `--- n8n ${spec.name} output ---\n${logs().slice(-8_000)}`)
			.join('\n');
		/** @type {Error} */ (error).message += `\n${logs}`;
		throw error;
	}
}

/**
 * @param {{
 *   specs: ProcessSpec[],
 *   running: Map<string, Member>,
 *   services: { postgres: import('./postgres').PostgresServer, redis: import('./redis').RedisServer },
 *   root: string, baseUrl: string, webhookBaseUrl: string,
 *   login: { email: string, password: string }, session: Record<string, string>, apiKey: string,
 *   timings: Record<string, number>, peakRssBytes: () => number,
 *   ready: (spec: ProcessSpec) => Promise<void>,
 *   stop: () => Promise<void>,
 * }} state
 */
function clusterHandle(state) {
	const member = (/** @type {string} */ name) => {
		const entry = state.running.get(name);
		if (!entry) throw new Error(`The cluster has no process ${name}`);
		return entry;
	};
	const urlOf = (/** @type {string} */ name) => {
		const { spec } = member(name);
		if (spec.role === 'worker') throw new Error(`${name} is a worker: it serves no webhooks`);
		return `http://127.0.0.1:${spec.port}`;
	};
	/** @param {string} name */
	const processHandle = (name) => ({
		name,
		role: member(name).spec.role,
		/** HTTP server: the app of main and webhook processes, a worker's health server. */
		url: `http://127.0.0.1:${member(name).spec.port}`,
		pid: () => member(name).server.pid,
		running: () => !member(name).server.exited(),
		logFile: () => member(name).server.logFile,
		logs: () => member(name).logs(),
		/** Signals the process and its task runner (SIGKILL by default) and waits until they are gone. */
		kill: (/** @type {NodeJS.Signals | undefined} */ signal) => member(name).server.kill(signal),
		/** Graceful stop: SIGTERM, then SIGKILL after 10 s. */
		stop: () => member(name).server.stop(),
		/** Starts the process again with the same folder, ports and environment; waits until ready. */
		restart: async () => {
			const { spec, server } = member(name);
			await server.stop();
			await state.ready(spec);
		},
	});

	const mainHandle = createHandle({
		baseUrl: state.baseUrl,
		login: state.login,
		apiKey: state.apiKey,
		session: state.session,
		userFolder: member('main').spec.userFolder,
		logFile: member('main').server.logFile,
		timings: state.timings,
		pid: member('main').server.pid,
		peakRssBytes: state.peakRssBytes,
		logs: () => member('main').logs(),
		stop: state.stop,
	});

	const names = state.specs.map((spec) => spec.name);
	const webhookPath = (/** @type {string} */ value) => value.replace(/^\/+/, '');
	return {
		...mainHandle,
		mainUrl: state.baseUrl,
		/** Where production webhooks are addressed (WEBHOOK_URL): the first webhook process. */
		webhookProcessUrl: state.webhookBaseUrl.replace(/\/$/, ''),
		postgres: state.services.postgres,
		redis: state.services.redis,
		names,
		workers: names.filter((name) => member(name).spec.role === 'worker'),
		process: processHandle,
		/**
		 * Production URL of a webhook path on one process; by default the webhook process, which is
		 * the address n8n gives the IdP (WEBHOOK_URL).
		 * @param {string} value    e.g. `${webhookId}/events`
		 * @param {string} [via]    `main`, `webhook-1`, ...
		 */
		webhookUrl: (value, via) =>
			via
				? `${urlOf(via)}/webhook/${webhookPath(value)}`
				: `${state.webhookBaseUrl}webhook/${webhookPath(value)}`,
		/**
		 * Sends a request to a production webhook on one process.
		 * @param {string} via
		 * @param {string} value
		 * @param {RequestInit & { json?: unknown }} [init]
		 */
		sendTo: (via, value, init) => http(`${urlOf(via)}/webhook/${webhookPath(value)}`, init),
		/**
		 * The worker whose log says it finished the execution, if any did.
		 * @param {string} executionId
		 */
		executedBy(executionId) {
			const line = new RegExp(`Worker finished execution ${executionId} \\(job`);
			return names.find(
				(name) => member(name).spec.role === 'worker' && line.test(member(name).logs()),
			);
		},
		/** RSS of every process of the cluster (with task runners) now, by process name, and the peak total. */
		memoryUsage() {
			const processes = names.map((name) => {
				const rssBytes = member(name).server.exited()
					? 0
					: processFamily(member(name).server.pid).reduce((sum, info) => sum + info.rssBytes, 0);
				return { name, pid: member(name).server.pid, rssBytes };
			});
			const rssBytes = processes.reduce((sum, info) => sum + info.rssBytes, 0);
			return { rssBytes, peakRssBytes: Math.max(state.peakRssBytes(), rssBytes), processes };
		},
		/** Output of every process so far, each under a header. */
		logs: () => names.map((name) => `--- ${name} ---\n${member(name).logs()}`).join('\n'),
	};
}

module.exports = { queueEnvironment, startQueueCluster };
