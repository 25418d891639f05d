import { readFileSync } from 'node:fs';

import { packageNodes } from '../helpers/packageTypes';

/**
 * n8n's node panel (2.41) searches each node's display name and its codex `alias` list, and lists a
 * trigger without the word "Trigger".
 */
const nodes = packageNodes().map(({ source, instance }) => ({
	name: instance.description.displayName,
	keys: [instance.description.displayName, ...(JSON.parse(readFileSync(`${source}.json`, 'utf8')).alias ?? [])] as string[],
}));

function found(query: string): string[] {
	const wanted = query.toLowerCase();
	return nodes.filter((node) => node.keys.some((key) => key.toLowerCase().includes(wanted))).map((node) => node.name);
}

describe("n8n's node panel search", () => {
	it.each([
		['Okta', ['IdP Event Trigger', 'IdP Directory', 'Okta MFA']],
		['Auth0', ['IdP Event Trigger', 'IdP Directory', 'Auth0 MFA']],
		['Entra', ['IdP Event Trigger', 'IdP Directory', 'Microsoft Entra ID MFA']],
		['Azure AD', ['IdP Event Trigger', 'IdP Directory', 'Microsoft Entra ID MFA']],
		['Shared Signals', ['IdP Event Trigger']],
		['CAEP', ['IdP Event Trigger']],
		['Duo', ['Duo Security']],
		['PingOne', ['PingOne MFA']],
		['RSA', ['RSA SecurID']],
		['SecurID', ['RSA SecurID']],
		['MFA', ['IdP Event Trigger', 'Duo Security', 'PingOne MFA', 'RSA SecurID', 'Okta MFA', 'Microsoft Entra ID MFA', 'Auth0 MFA']],
		['IdP', ['IdP Event Trigger', 'IdP Directory']],
	])('finds the right nodes for "%s"', (query, expected) => {
		expect(found(query).sort()).toEqual([...expected].sort());
	});
});
