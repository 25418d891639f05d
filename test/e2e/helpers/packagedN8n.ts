import {
	packedPackage,
	startN8n,
	type N8nHandle,
	type StartOptions,
} from '../../../scripts/e2e/n8nInstance';

export interface PackagedN8n {
	/** Packs this package and starts n8n with it installed. */
	start(options: Omit<StartOptions, 'tarball'>): Promise<N8nHandle>;
	/** Stops n8n and removes the packed package, also after a start that failed half way. */
	stop(): Promise<void>;
}

export function packagedN8n(): PackagedN8n {
	let n8n: N8nHandle | undefined;
	let cleanup: () => void = () => undefined;
	return {
		async start(options) {
			const packed = await packedPackage();
			cleanup = packed.cleanup;
			n8n = await startN8n({ ...options, tarball: packed.tarball });
			return n8n;
		},
		async stop() {
			await n8n?.stop();
			cleanup();
		},
	};
}
