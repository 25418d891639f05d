'use strict';

/**
 * A throwaway PostgreSQL server for tests: a fresh cluster in a temporary folder, listening on
 * 127.0.0.1 on a free port, without durability (fsync off). stop() shuts it down and removes the
 * folder; if the test run dies first, the exit hooks kill it. Needs Debian's `postgresql` package
 * (scripts/e2e/install-services.sh). As root the server runs as the `postgres` user, since
 * PostgreSQL refuses to run as root.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { freePort } = require('./http');
const { run } = require('./runCommand');
const { readyOrStopped, startServerProcess } = require('./serverProcess');

/** @returns {string} the folder holding initdb, postgres and createdb */
function postgresBinDir() {
	const versions = fs.existsSync('/usr/lib/postgresql')
		? fs
				.readdirSync('/usr/lib/postgresql')
				.filter((entry) => /^\d+$/.test(entry))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	for (const version of versions) {
		const dir = path.join('/usr/lib/postgresql', version, 'bin');
		if (fs.existsSync(path.join(dir, 'initdb'))) return dir;
	}
	for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
		if (dir && fs.existsSync(path.join(dir, 'initdb'))) return dir;
	}
	throw new Error(
		'PostgreSQL is not installed: run `bash scripts/e2e/install-services.sh` as root (Debian package `postgresql`).',
	);
}

/** @returns {{ uid: number, gid: number } | undefined} the `postgres` user when running as root */
function serverUser() {
	if (process.getuid?.() !== 0) return undefined;
	const entry = fs
		.readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.map((line) => line.split(':'))
		.find((fields) => fields[0] === 'postgres');
	if (!entry) {
		throw new Error(
			'PostgreSQL refuses to run as root and there is no `postgres` user: install the Debian package `postgresql`.',
		);
	}
	return { uid: Number(entry[2]), gid: Number(entry[3]) };
}

/**
 * @typedef {object} PostgresServer
 * @property {string} host
 * @property {number} port
 * @property {string} user
 * @property {string} password
 * @property {string} database     created empty at start
 * @property {string} folder       data folder, socket and log
 * @property {() => string} logs
 * @property {(name: string) => Promise<void>} createDatabase
 * @property {() => Promise<void>} stop  shuts the server down and removes its folder
 */

/**
 * @param {{ database?: string, user?: string, password?: string, port?: number, startTimeoutMs?: number }} [options]
 * @returns {Promise<PostgresServer>}
 */
async function startPostgres(options = {}) {
	const bin = postgresBinDir();
	const owner = serverUser();
	const user = options.user ?? 'n8n';
	const password = options.password ?? 'n8n-e2e-password';
	const database = options.database ?? 'n8n';
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-mfa-sync-postgres-'));
	const removeFolder = () => fs.rmSync(folder, { recursive: true, force: true });
	try {
		const dataDir = path.join(folder, 'data');
		const passwordFile = path.join(folder, 'password');
		fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
		if (owner) {
			fs.chownSync(folder, owner.uid, owner.gid);
			fs.chownSync(passwordFile, owner.uid, owner.gid);
		}
		const asOwner = { ...owner, env: { ...process.env, LC_ALL: 'C', LANG: 'C' } };
		await run(
			path.join(bin, 'initdb'),
			[
				`--pgdata=${dataDir}`,
				`--username=${user}`,
				`--pwfile=${passwordFile}`,
				'--auth-local=trust',
				'--auth-host=scram-sha-256',
				'--encoding=UTF8',
				'--locale=C',
				'--no-sync',
			],
			asOwner,
		);
		fs.rmSync(passwordFile);

		const port = options.port ?? (await freePort());
		const server = startServerProcess({
			command: path.join(bin, 'postgres'),
			args: [
				...['-D', dataDir, '-p', String(port), '-h', '127.0.0.1', '-k', folder],
				...['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
			],
			...asOwner,
			logFile: path.join(folder, 'postgres.log'),
			removeFiles: removeFolder,
		});
		// SIGINT is PostgreSQL's "fast" shutdown: it ends open sessions instead of waiting for them.
		const stop = () => server.stop({ signal: 'SIGINT' });
		const clientEnv = { ...process.env, PGPASSWORD: password };
		/** @param {string} name */
		const createDatabase = async (name) => {
			await run(
				path.join(bin, 'createdb'),
				['-h', '127.0.0.1', '-p', String(port), '-U', user, name],
				{
					env: clientEnv,
				},
			);
		};
		await readyOrStopped(
			server,
			'PostgreSQL',
			() => /ready to accept connections/.test(server.logs()),
			options.startTimeoutMs ?? 30_000,
			stop,
		);
		try {
			await createDatabase(database);
		} catch (error) {
			await stop();
			throw error;
		}
		return {
			host: '127.0.0.1',
			port,
			user,
			password,
			database,
			folder,
			logs: server.logs,
			createDatabase,
			stop,
		};
	} catch (error) {
		removeFolder();
		throw error;
	}
}

module.exports = { startPostgres };
