import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { NodeHelpers, type INode, type INodeType } from 'n8n-workflow';

import { installedNodesBase } from '../helpers/n8nInstall';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const examples = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.json'));
/** Every node package.json registers, loaded from its source, by its n8n type name. */
const ours: Record<string, INodeType> = Object.fromEntries(
	(pkg.n8n.nodes as string[]).map((file) => {
		const source = join(ROOT, file.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const exported = require(source) as Record<string, new () => INodeType>;
		const node = new exported[basename(file, '.node.js')]();
		return [`${pkg.name}.${node.description.name}`, node];
	}),
);

function coreNodeTypes(): Set<string> {
	const base = installedNodesBase();
	const basePkg = JSON.parse(readFileSync(join(base, 'package.json'), 'utf8'));
	return new Set(
		(basePkg.n8n.nodes as string[]).map((file) => `n8n-nodes-base.${basename(file, '.node.js').replace(/^./, (c) => c.toLowerCase())}`),
	);
}

describe('sample workflows', () => {
	it('exist', () => expect(examples.length).toBeGreaterThanOrEqual(3));

	it('register every package node they use in package.json and load it from dist paths', () => {
		const registered = (pkg.n8n.nodes as string[]).map((file) => basename(file, '.node.js'));
		for (const type of Object.keys(ours)) {
			const nodeName = ours[type].description.name;
			expect(registered.map((n) => n.replace(/^./, (c) => c.toLowerCase()))).toContain(nodeName);
		}
	});

	const core = coreNodeTypes();
	it.each(examples)('%s uses only registered package nodes and n8n core nodes, with valid parameters', (file) => {
		const workflow = JSON.parse(readFileSync(join(ROOT, 'examples', file), 'utf8'));
		expect(workflow.name).toBeTruthy();
		for (const node of workflow.nodes as INode[]) {
			const type = ours[node.type];
			if (!type) {
				expect(core.has(node.type.replace(/\.(\w)/, (_m, c: string) => `.${c.toLowerCase()}`))).toBe(true);
				continue;
			}
			const issues = NodeHelpers.getNodeParametersIssues(type.description.properties, node, type.description);
			expect({ node: node.name, issues }).toEqual({ node: node.name, issues: null });
			for (const credential of Object.keys(node.credentials ?? {})) {
				expect(pkg.n8n.credentials.map((f: string) => basename(f, '.credentials.js'))).toContain(credential.replace(/^./, (c) => c.toUpperCase()));
			}
		}
		for (const [from, outputs] of Object.entries(workflow.connections as Record<string, { main: Array<Array<{ node: string }>> }>)) {
			const names = new Set((workflow.nodes as INode[]).map((n) => n.name));
			expect(names.has(from)).toBe(true);
			for (const output of outputs.main) for (const target of output) expect(names.has(target.node)).toBe(true);
		}
	});
});
