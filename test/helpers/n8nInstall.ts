import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** n8n-nodes-base from the cached real-n8n install (scripts/e2e/install-n8n.sh, run by .ci/run first). */
export function installedNodesBase(): string {
	const cache = process.env.IDP_MFA_SYNC_CACHE ?? join(homedir(), '.cache', 'n8n-nodes-idp-mfa-sync');
	const dir = join(cache, `n8n-${process.env.N8N_VERSION ?? '2.41.1'}`, 'node_modules', 'n8n-nodes-base');
	if (!existsSync(join(dir, 'package.json'))) {
		throw new Error(`n8n-nodes-base not found at ${dir}; run "bash scripts/e2e/install-n8n.sh" first`);
	}
	return dir;
}
