import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { subtitleOf } from '../helpers/nodeUi';
import { packageNodes } from '../helpers/packageTypes';

/** Every resource and operation a node's editor offers (the AI tool's selectors left out). */
function operations(properties: readonly INodeProperties[]): Array<[string, string]> {
	return properties
		.filter((p) => p.name === 'operation' && p.displayOptions?.show?.['@tool']?.[0] !== true)
		.flatMap((selector) =>
			(selector.displayOptions?.show?.resource ?? []).flatMap((resource) =>
				(selector.options as INodePropertyOptions[]).map((option) => [String(resource), String(option.value)] as [string, string]),
			),
		);
}

const withOperations = packageNodes()
	.map(({ instance }) => ({ node: instance, operations: operations(instance.description.properties) }))
	.filter((entry) => entry.operations.length > 0);

describe('node subtitles on the canvas', () => {
	it('covers the MFA nodes', () => {
		expect(withOperations.map((entry) => entry.node.description.displayName)).toEqual(
			expect.arrayContaining(['Duo Security', 'PingOne MFA', 'RSA SecurID']),
		);
	});

	it.each(withOperations.map((entry) => [entry.node.description.displayName, entry] as const))(
		'%s: every operation reads in words, not as internal values',
		(_name, { node, operations: pairs }) => {
			for (const [resource, operation] of pairs) {
				// Words ("Reset enrollment of user", "Okta: Get many users"), not "resetEnrollment: user".
				const subtitle = String(subtitleOf(node, { provider: 'okta', resource, operation }));
				expect(subtitle).toMatch(/^([A-Z][\w ]*: )?[A-Z][a-z]+( [A-Z]?[A-Za-z]+\d?)*$/);
			}
		},
	);
});
