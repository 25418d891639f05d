import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { OktaIdpApi } from '../../credentials/OktaIdpApi.credentials';
import { IdpEventTrigger } from '../../nodes/IdpEventTrigger/IdpEventTrigger.node';
import { runWebhook } from '../harness/engine';

/**
 * Serves the trigger on 127.0.0.1 the way n8n routes its webhooks (GET → "setup", POST → "default"),
 * through n8n-core's real webhook context, so fakes can call it back over HTTP.
 */
export async function hostTrigger(options: {
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
	staticData: IDataObject;
}) {
	const emitted: IDataObject[][] = [];
	const server = http.createServer(async (req, res) => {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		try {
			const result = await runWebhook({
				node: new IdpEventTrigger(),
				parameters: options.parameters,
				credentials: { oktaIdpApi: options.credentials },
				credentialTypes: [new OktaIdpApi()],
				webhookName: req.method === 'GET' ? 'setup' : 'default',
				request: {
					method: req.method ?? 'GET',
					headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
					body: Buffer.concat(chunks),
				},
				staticData: options.staticData,
			});
			if (result.workflowData) emitted.push(result.workflowData[0].map((item) => item.json));
			res.writeHead(result.status, result.headers);
			res.end(result.body);
		} catch (error) {
			res.writeHead(500, { 'content-type': 'text/plain' });
			res.end(String(error));
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/test-hook/events`;
	return {
		url,
		emitted,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
