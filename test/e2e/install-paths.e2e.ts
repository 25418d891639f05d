import { execFileSync } from 'node:child_process';
import { cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

import PACKAGE from '../../package.json';
import { packedPackage, startN8n, type N8nHandle } from '../../scripts/e2e/n8nInstance';
import { packageCredentials, packageNodes } from '../helpers/packageTypes';

/**
 * The README's ways to install the package without the npm registry, run as written (with `~` a
 * fresh home folder) against the cached n8n 2.41.1.
 */
const ROOT = join(__dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const SECTION = README.slice(
	README.indexOf('**Without the npm registry.**'),
	README.indexOf('With `N8N_COMMUNITY_PACKAGES_MANAGED_BY_ENV=true`'),
);
const commands = (pattern: RegExp) => [...SECTION.matchAll(pattern)].map((match) => match[1].trim());
const [TARBALL_INSTALL, LINK_INSTALL] = commands(/^\s*(npm install --prefix ~\/\.n8n\/nodes .+)$/gm);
const [UNPACK] = commands(/^\s*(mkdir -p idp-mfa-sync && tar .+)$/gm);
const DOCKER_MOUNT = /-v "\$PWD\/idp-mfa-sync:(\/home\/node\/\.n8n\/[^:]+):ro"/.exec(SECTION)?.[1];

/** Four n8n start-ups in one file, on a 2-core machine that may be busy. */
const START_TIMEOUT_MS = 240_000;
const TEST_TIMEOUT_MS = 300_000;
const TYPES = packageNodes().map(({ instance }) => instance.description.name);
const CREDENTIALS = packageCredentials().map(({ instance }) => instance.name);

/** Runs one README line with bash, `~` being `home`, npm using the machine's cache. */
function runAsUser(line: string, home: string, cwd: string): void {
	execFileSync('bash', ['-euo', 'pipefail', '-c', line], {
		cwd,
		env: {
			...process.env,
			HOME: home,
			npm_config_cache: join(homedir(), '.npm'),
			npm_config_update_notifier: 'false',
			npm_config_audit: 'false',
			npm_config_fund: 'false',
		},
		stdio: 'pipe',
	});
}

async function loaded(n8n: N8nHandle, prefix: string) {
	const { nodes, credentials } = await n8n.loadedTypes();
	return {
		nodes: TYPES.filter((type) => nodes.some((node) => node.name === `${prefix}.${type}`)),
		credentials: CREDENTIALS.filter((name) => credentials.some((credential) => credential.name === name)),
	};
}

describe('installing without the npm registry', () => {
	let tarball = '';
	let cleanup = () => undefined as void;
	let scratch = '';
	let n8n: N8nHandle | undefined;

	beforeAll(async () => {
		({ tarball, cleanup } = await packedPackage());
		scratch = mkdtempSync(join(tmpdir(), 'idp-mfa-sync-install-paths-'));
	});
	afterEach(async () => {
		await n8n?.stop();
		n8n = undefined;
	});
	afterAll(() => {
		cleanup();
		rmSync(scratch, { recursive: true, force: true });
	});

	/** A fresh home folder for n8n's user folder, and a folder holding the tarball as `npm pack` leaves it. */
	function freshHome(name: string) {
		const home = join(scratch, name, 'home');
		const work = join(scratch, name, 'work');
		mkdirSync(home, { recursive: true });
		mkdirSync(work, { recursive: true });
		cpSync(tarball, join(work, basename(tarball)));
		return { home, work };
	}

	it('finds the commands, naming the version package.json has', () => {
		expect(TARBALL_INSTALL).toContain(`"$PWD/${PACKAGE.name}-${PACKAGE.version}.tgz"`);
		expect(LINK_INSTALL).toContain('"$PWD"');
		expect(UNPACK).toContain(`${PACKAGE.name}-${PACKAGE.version}.tgz`);
		expect(DOCKER_MOUNT).toBe(`/home/node/.n8n/nodes/node_modules/${PACKAGE.name}`);
		expect(basename(tarball)).toBe(`${PACKAGE.name}-${PACKAGE.version}.tgz`);
	});

	it('loads the nodes from a tarball installed into ~/.n8n/nodes, without a second n8n-workflow', async () => {
		const { home, work } = freshHome('tarball');
		n8n = await startN8n({
			label: 'install-paths-tarball',
			startTimeoutMs: START_TIMEOUT_MS,
			userFolder: home,
			installPackage: async () => runAsUser(TARBALL_INSTALL, home, work),
		});
		const installed = readdirSync(join(home, '.n8n', 'nodes', 'node_modules')).filter((name) => !name.startsWith('.'));
		expect(installed).toEqual([PACKAGE.name]);
		expect(await loaded(n8n, PACKAGE.name)).toEqual({ nodes: TYPES, credentials: CREDENTIALS });
	}, TEST_TIMEOUT_MS);

	it('loads the nodes from a linked source checkout', async () => {
		const { home } = freshHome('link');
		n8n = await startN8n({
			label: 'install-paths-link',
			startTimeoutMs: START_TIMEOUT_MS,
			userFolder: home,
			installPackage: async () => runAsUser(LINK_INSTALL, home, ROOT),
		});
		expect(lstatSync(join(home, '.n8n', 'nodes', 'node_modules', PACKAGE.name)).isSymbolicLink()).toBe(true);
		expect(await loaded(n8n, PACKAGE.name)).toEqual({ nodes: TYPES, credentials: CREDENTIALS });
	}, TEST_TIMEOUT_MS);

	it('loads the nodes from the unpacked tarball where the Docker command mounts it', async () => {
		const { home, work } = freshHome('docker');
		runAsUser(UNPACK, home, work);
		n8n = await startN8n({
			label: 'install-paths-docker',
			startTimeoutMs: START_TIMEOUT_MS,
			userFolder: home,
			installPackage: async (n8nFolder) => {
				const target = join(n8nFolder, DOCKER_MOUNT!.replace('/home/node/.n8n/', ''));
				mkdirSync(dirname(target), { recursive: true });
				cpSync(join(work, 'idp-mfa-sync'), target, { recursive: true });
			},
		});
		expect(await loaded(n8n, PACKAGE.name)).toEqual({ nodes: TYPES, credentials: CREDENTIALS });
	}, TEST_TIMEOUT_MS);

	it('loads the nodes from N8N_CUSTOM_EXTENSIONS, under the CUSTOM prefix the README warns of', async () => {
		const { home, work } = freshHome('custom');
		runAsUser(UNPACK, home, work);
		n8n = await startN8n({
			label: 'install-paths-custom-extensions',
			startTimeoutMs: START_TIMEOUT_MS,
			userFolder: home,
			env: { N8N_CUSTOM_EXTENSIONS: join(work, 'idp-mfa-sync') },
			installPackage: async () => undefined,
		});
		expect(SECTION).toContain('CUSTOM.idpEventTrigger');
		expect(await loaded(n8n, 'CUSTOM')).toEqual({ nodes: TYPES, credentials: CREDENTIALS });
		expect(await loaded(n8n, PACKAGE.name)).toEqual({ nodes: [], credentials: CREDENTIALS });
	}, TEST_TIMEOUT_MS);
});
