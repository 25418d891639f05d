import type { FakeOkta, FakeOktaHook } from '../../sandbox/okta/server';
import type { N8nCredentialImport, N8nHandle } from '../e2e/n8nInstance';

export interface SampleWorkflow {
	id: string;
	name: string;
	nodes: Array<{
		id: string;
		name: string;
		type: string;
		typeVersion: number;
		webhookId?: string;
		parameters: Record<string, any>;
		credentials?: Record<string, { id: string; name: string }>;
	}>;
	settings?: Record<string, unknown>;
	[key: string]: unknown;
}

export interface CredentialRef {
	id: string;
	name: string;
}

export const EXAMPLES_DIR: string;
export const UNREACHABLE: string;
export const PLACEHOLDER_DATA: Record<string, Record<string, unknown>>;
export function loadSampleWorkflows(): Array<{ file: string; workflow: SampleWorkflow }>;
export function credentialRefs(workflows: SampleWorkflow[]): Array<CredentialRef & { type: string }>;
export function sandboxCredentials(
	workflows: SampleWorkflow[],
	sandbox: {
		okta: { url: string; apiToken: string };
		duo: { url: string; ikey: string; skey: string };
		eventHookSecret: string;
	},
): N8nCredentialImport[];
export function connectN8nApiCredential(n8n: N8nHandle, workflows: SampleWorkflow[]): Promise<void>;
export function triggerWebhookPath(workflow: SampleWorkflow): string;
export function hooksFor(okta: FakeOkta, url: string): FakeOktaHook[];
