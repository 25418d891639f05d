import PACKAGE from '../../package.json';
import { packedPackage, startN8n, type N8nHandle } from '../../scripts/e2e/n8nInstance';

const NODE = `${PACKAGE.name}.idpDirectory`;

describe('the IdP Directory node in a real n8n', () => {
	let n8n: N8nHandle;
	let cleanup = () => undefined as void;

	beforeAll(async () => {
		const packed = await packedPackage();
		cleanup = packed.cleanup;
		n8n = await startN8n({ tarball: packed.tarball, label: 'idp-directory-load' });
	});

	afterAll(async () => {
		await n8n?.stop();
		cleanup();
	});

	it('is loaded with its three credentials, its tool variant, and no load errors', async () => {
		const { nodes, credentials } = await n8n.loadedTypes();
		const node = nodes.find((entry) => entry.name === NODE);
		expect(node).toBeDefined();
		expect((node!.credentials ?? []).map((ref) => ref.name).sort()).toEqual(['auth0IdpApi', 'entraIdpApi', 'oktaIdpApi']);
		expect(nodes.some((entry) => entry.name === `${NODE}Tool`)).toBe(true);
		const loaded = new Set(credentials.map((credential) => credential.name));
		expect(['oktaIdpApi', 'auth0IdpApi', 'entraIdpApi'].filter((name) => !loaded.has(name))).toEqual([]);
		expect(n8n.logs()).not.toMatch(/Unknown credential name|idpDirectory.*(error|failed)/i);
	});
});
