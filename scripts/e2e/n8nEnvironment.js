'use strict';

const path = require('node:path');

const ENCRYPTION_KEY = 'idp-mfa-sync-e2e-fixed-encryption-key';

/**
 * n8n's environment: loopback only, SQLite, a fixed encryption key, the owner managed by env, no
 * telemetry, and none of the caller's own N8N_ / DB_ settings.
 * @param {import('./install').N8nInstall} install
 * @param {string} userFolder
 * @param {number} port
 * @param {number} brokerPort
 * @param {string} passwordHash
 * @param {string} email
 * @param {Record<string, string>} extra
 * @returns {NodeJS.ProcessEnv}
 */
function n8nEnvironment(install, userFolder, port, brokerPort, passwordHash, email, extra) {
	/** @type {NodeJS.ProcessEnv} */
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^(N8N_|DB_|WEBHOOK_URL$|NODE_ENV$|NODE_OPTIONS$|NODE_PATH$)/.test(key)) continue;
		env[key] = value;
	}
	const noProxy = [env.NO_PROXY, '127.0.0.1', 'localhost'].filter(Boolean).join(',');
	return {
		...env,
		PATH: `${path.join(install.nodeHome, 'bin')}${path.delimiter}${env.PATH ?? ''}`,
		// Jest sets NODE_ENV=test, which silences n8n's logger and changes its behaviour.
		NODE_ENV: 'production',
		NO_PROXY: noProxy,
		no_proxy: noProxy,
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		DB_TYPE: 'sqlite',
		DB_SQLITE_POOL_SIZE: '2',
		N8N_SSRF_PROTECTION_ENABLED: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: email,
		N8N_INSTANCE_OWNER_FIRST_NAME: 'Sandbox',
		N8N_INSTANCE_OWNER_LAST_NAME: 'Owner',
		N8N_INSTANCE_OWNER_PASSWORD_HASH: passwordHash,
		...extra,
	};
}

module.exports = { n8nEnvironment };
