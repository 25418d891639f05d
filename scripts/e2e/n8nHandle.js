'use strict';

const { delay, http } = require('./http');
const { processFamily } = require('./processTree');

const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

/**
 * @typedef {object} HandleState
 * @property {string} baseUrl
 * @property {{ email: string, password: string }} login
 * @property {string} apiKey
 * @property {Record<string, string>} session  cookie and browser-id headers of the owner's login
 * @property {string} userFolder
 * @property {string} logFile
 * @property {Record<string, number>} timings
 * @property {number} pid                      n8n's process, leader of its process group
 * @property {() => number} peakRssBytes
 * @property {() => string} logs
 * @property {() => Promise<void>} stop
 */

/**
 * What startN8n returns: the running instance and the calls tests, benchmarks and the demo need.
 * @param {HandleState} state
 */
function createHandle(state) {
	/**
	 * Calls the public API with the instance's API key.
	 * @param {string} method
	 * @param {string} route  below /api/v1
	 * @param {unknown} [body]
	 */
	const api = async (method, route, body) => {
		const response = await http(`${state.baseUrl}/api/v1${route}`, {
			method,
			headers: { 'X-N8N-API-KEY': state.apiKey, accept: 'application/json' },
			json: body,
		});
		if (response.status >= 300) {
			throw new Error(`n8n ${method} /api/v1${route} → ${response.status} ${response.text}`);
		}
		return response.json;
	};

	/**
	 * n8n 2.41 publishes through an outbox: the API call returns before triggers are activated
	 * (and before webhookMethods.create runs). This waits until the publication settles.
	 * @param {string} workflowId
	 * @param {(status: string) => boolean} settled
	 * @param {number} timeoutMs
	 */
	async function waitForPublication(workflowId, settled, timeoutMs) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const response = await http(
				`${state.baseUrl}/rest/workflows/${workflowId}/publication-status`,
				{
					headers: state.session,
				},
			);
			// Without the publication service (N8N_USE_WORKFLOW_PUBLICATION_SERVICE=false) n8n
			// activates inside the publish call and has no status to wait for.
			if (response.status === 404 && /not available/.test(response.text)) return undefined;
			if (response.status !== 200) {
				throw new Error(
					`n8n publication status of ${workflowId}: ${response.status} ${response.text}`,
				);
			}
			const status = response.json.data;
			if (settled(status.status)) return status;
			if (Date.now() > deadline) {
				throw new Error(`Publication of ${workflowId} did not settle: ${JSON.stringify(status)}`);
			}
			await delay(100);
		}
	}

	/** @param {{ workflowId?: string, status?: string }} [filter] */
	async function executions(filter = {}) {
		const all = [];
		let cursor;
		do {
			const qs = new URLSearchParams({ includeData: 'true', limit: '100' });
			if (filter.workflowId) qs.set('workflowId', filter.workflowId);
			if (filter.status) qs.set('status', filter.status);
			if (cursor) qs.set('cursor', cursor);
			const page = await api('GET', `/executions?${qs}`);
			all.push(...page.data);
			cursor = page.nextCursor;
		} while (cursor);
		return all.sort((a, b) => Number(a.id) - Number(b.id));
	}

	return {
		baseUrl: state.baseUrl,
		login: state.login,
		apiKey: state.apiKey,
		userFolder: state.userFolder,
		logFile: state.logFile,
		timings: state.timings,
		/** Production URL of a webhook path, e.g. `${webhookId}/events`. */
		webhookUrl: (/** @type {string} */ webhookPath) =>
			`${state.baseUrl}/webhook/${webhookPath.replace(/^\/+/, '')}`,
		/** Calls the public API with the instance's API key. */
		api,
		/**
		 * Publishes through the public API and waits until every trigger is activated; throws with
		 * the triggers' errors when activation failed (for example a webhook `create` that threw).
		 * @param {string} workflowId
		 * @param {{ timeoutMs?: number }} [options]
		 */
		async publish(workflowId, options = {}) {
			await api('POST', `/workflows/${workflowId}/publish`, {});
			const status = await waitForPublication(
				workflowId,
				(value) => value !== 'in_progress' && value !== 'not_published',
				options.timeoutMs ?? 30_000,
			);
			if (status && status.status !== 'published') {
				const errors = status.triggers
					.filter((/** @type {{ status: string }} */ trigger) => trigger.status === 'failed')
					.map((/** @type {{ errorMessage: string }} */ trigger) => trigger.errorMessage);
				const error = new Error(
					`Publishing ${workflowId} ended ${status.status}: ${errors.join('; ')}`,
				);
				Object.assign(error, { publication: status });
				throw error;
			}
			return status;
		},
		/**
		 * Unpublishes through the public API and waits until the triggers are deactivated.
		 * @param {string} workflowId
		 * @param {{ timeoutMs?: number }} [options]
		 */
		async unpublish(workflowId, options = {}) {
			await api('POST', `/workflows/${workflowId}/unpublish`);
			return await waitForPublication(
				workflowId,
				(value) => value === 'not_published',
				options.timeoutMs ?? 30_000,
			);
		},
		executions,
		/**
		 * Waits until the workflow has at least `count` finished executions; returns them all.
		 * @param {string} workflowId
		 * @param {number} count
		 * @param {number} [timeoutMs]
		 */
		async waitForExecutions(workflowId, count, timeoutMs = 30_000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const found = await executions({ workflowId });
				const finished = found.filter((execution) => FINISHED.has(execution.status));
				if (finished.length >= count) return found;
				if (Date.now() > deadline) {
					throw new Error(
						`Expected ${count} finished executions of ${workflowId}, found ${finished.length} (of ${found.length})`,
					);
				}
				await delay(250);
			}
		},
		/**
		 * Polls a production webhook URL until n8n stops answering 404 (registration lags publish).
		 * @param {string} url
		 * @param {{ method?: string, headers?: Record<string, string>, timeoutMs?: number }} [options]
		 */
		async waitForWebhook(url, options = {}) {
			const deadline = Date.now() + (options.timeoutMs ?? 15_000);
			for (;;) {
				const response = await http(url, {
					method: options.method ?? 'GET',
					headers: options.headers,
				});
				if (response.status !== 404) return response;
				if (Date.now() > deadline) throw new Error(`${url} still answers 404: ${response.text}`);
				await delay(100);
			}
		},
		/**
		 * The node and credential type descriptions n8n loaded, as the editor receives them
		 * (`name` is e.g. `n8n-nodes-idp-mfa-sync.idpEventTrigger` or `oktaIdpApi`).
		 */
		async loadedTypes() {
			const load = async (/** @type {string} */ file) => {
				const response = await http(`${state.baseUrl}/types/${file}`, { headers: state.session });
				if (response.status !== 200) throw new Error(`n8n /types/${file}: ${response.status}`);
				return response.json;
			};
			return { nodes: await load('nodes.json'), credentials: await load('credentials.json') };
		},
		/** RSS of n8n and its children (task runner) now, and the peak seen since start. */
		memoryUsage() {
			const processes = processFamily(state.pid).map(({ pid, name, rssBytes }) => ({
				pid,
				name,
				rssBytes,
			}));
			const rssBytes = processes.reduce((sum, info) => sum + info.rssBytes, 0);
			return { rssBytes, peakRssBytes: Math.max(state.peakRssBytes(), rssBytes), processes };
		},
		/** n8n's stdout and stderr so far (the last 4 MiB). */
		logs: state.logs,
		stop: state.stop,
	};
}

/**
 * The items a node emitted in an execution fetched with includeData (first run, first output).
 * @param {any} execution
 * @param {string} nodeName
 * @returns {{ json: Record<string, unknown> }[]}
 */
function executionItems(execution, nodeName) {
	const runs = execution?.data?.resultData?.runData?.[nodeName];
	return runs?.[0]?.data?.main?.[0] ?? [];
}

module.exports = { createHandle, executionItems };
