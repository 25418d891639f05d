import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';

import { InstanceSettings } from 'n8n-core';

/**
 * n8n-core resolves its services from its own copy of @n8n/di (nested under n8n-core), so the
 * container must be loaded through n8n-core's resolution path, not the top-level package.
 */
const requireFromCore = createRequire(require.resolve('n8n-core'));
const { Container } = requireFromCore('@n8n/di') as typeof import('@n8n/di');

/** n8n-core's own request-parsing helper (content type and charset of an incoming message). */
export const { parseIncomingMessage } = requireFromCore(
	'@n8n/backend-network',
) as typeof import('@n8n/backend-network');

let quiet = false;

/**
 * Makes n8n's logger silent before it is built, unless N8N_LOG_LEVEL asks for a level (for example
 * `N8N_LOG_LEVEL=info npx jest test/trigger` shows what the nodes log). Tests that check what a node
 * logs spy on `n8nLogger()`, which works whatever the level.
 */
function quietN8nLogger(): void {
	if (quiet) return;
	quiet = true;
	if (process.env.N8N_LOG_LEVEL) return;
	const { GlobalConfig } = requireFromCore('@n8n/config') as typeof import('@n8n/config');
	Container.get(GlobalConfig).logging.level = 'silent';
}

/** The logger n8n-core's node contexts log to (`this.logger`), e.g. to observe what a node logs. */
export function n8nLogger(): import('@n8n/backend-common').Logger {
	quietN8nLogger();
	const { Logger } = requireFromCore('@n8n/backend-common') as typeof import('@n8n/backend-common');
	return Container.get(Logger);
}

let prepared = false;

/**
 * Registers the one service the node contexts need that would otherwise touch disk: the real
 * InstanceSettings reads or creates `~/.n8n/config`. Everything else (OutboundHttp, SSRF config
 * with protection off by default, Logger) is built by n8n-core's container on first use.
 */
export function prepareN8nContainer(): void {
	if (prepared) return;
	quietN8nLogger();
	const settings = Object.assign(Object.create(InstanceSettings.prototype) as InstanceSettings, {
		instanceType: 'main',
		instanceId: 'harness-instance',
		hostId: 'main-harness',
		hmacSignatureSecret: randomBytes(32).toString('hex'),
		settings: { encryptionKey: randomBytes(24).toString('base64') },
	});
	Container.set(InstanceSettings, settings);
	prepared = true;
}
