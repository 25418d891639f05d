import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { triggerProperties } from './description';
import { readSelectedEvents, readTriggerOptions } from './options';
import { readWindow, recordSeen } from './pipeline/dedupe';
import { processDelivery } from './pipeline/processDelivery';
import type { InboundRequest } from './pipeline/request';
import { PROVIDERS, providerModule } from './providers';
import type { IdentityProviderModule } from './providers/provider';

function isAutomatic(ctx: IHookFunctions | IWebhookFunctions): boolean {
	return ctx.getNodeParameter('registration', 'automatic') === 'automatic';
}

function provider(ctx: IHookFunctions | IWebhookFunctions): IdentityProviderModule {
	const id = ctx.getNodeParameter('provider', 'okta') as string;
	const module = providerModule(id);
	if (!module) throw new NodeOperationError(ctx.getNode(), `The identity provider "${id}" is not supported`);
	return module;
}

export class IdpEventTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'IdP Event Trigger',
		name: 'idpEventTrigger',
		icon: { light: 'file:idpEventTrigger.svg', dark: 'file:idpEventTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["provider"] + ": " + $parameter["events"].length + " event types"}}',
		description:
			'Starts the workflow when users, groups or MFA enrollments change in your identity provider, as verified, normalized identity events',
		defaults: { name: 'IdP Event Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: Object.values(PROVIDERS).map((module) => ({
			name: module.credentialName,
			required: true,
			displayOptions: { show: { provider: [module.id] } },
		})),
		webhooks: [
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'events' },
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'events' },
		],
		properties: triggerProperties,
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (!isAutomatic(this)) return true;
				return await provider(this).registration.exists(
					this,
					this.getWorkflowStaticData('node'),
					this.getNodeWebhookUrl('default') as string,
					readSelectedEvents(this.getNodeParameter('events')),
				);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				if (!isAutomatic(this)) return true;
				const selected = readSelectedEvents(this.getNodeParameter('events'));
				if (selected.length === 0) {
					throw new NodeOperationError(this.getNode(), 'Select at least one event in Trigger On');
				}
				const workflow = this.getWorkflow();
				await provider(this).registration.create(
					this,
					this.getWorkflowStaticData('node'),
					this.getNodeWebhookUrl('default') as string,
					selected,
					`n8n IdP MFA Sync: ${workflow.name ?? workflow.id}`,
				);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				if (!isAutomatic(this)) return true;
				try {
					await provider(this).registration.remove(this, this.getWorkflowStaticData('node'));
				} catch (error) {
					this.logger.warn(`IdP Event Trigger could not remove its registration: ${(error as Error).message}`);
					return false;
				}
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject();
		const res = this.getResponseObject();
		const idp = provider(this);
		const staticData = this.getWorkflowStaticData('node');
		const options = readTriggerOptions(this.getNodeParameter('options', {}) as IDataObject);
		const request: InboundRequest = {
			method: req.method,
			headers: req.headers,
			query: req.query as Record<string, unknown>,
			rawBody: req.rawBody,
			contentType: req.headers['content-type'],
		};
		const handshake = idp.source.handshake(request);
		if (handshake) {
			res.status(handshake.status).type(handshake.contentType).send(handshake.body);
			return { noWebhookResponse: true };
		}
		const windowMs = options.dedupeWindowMinutes * 60_000;
		const selected = readSelectedEvents(this.getNodeParameter('events'));
		const result = processDelivery(idp.source, request, {
			secret: await idp.secret(this, staticData, isAutomatic(this)),
			selected,
			tenant: await idp.tenant(this),
			includeRaw: options.includeRaw,
			window: windowMs > 0 ? readWindow(staticData) : undefined,
			windowMs,
			now: Date.now(),
		});

		// Acknowledge before enrichment: IdPs time out within seconds and Okta retries only once.
		res.status(result.reply.status).type(result.reply.contentType).send(result.reply.body);
		if (result.kind === 'rejected') this.logger.warn(`IdP Event Trigger: ${result.log}`);
		if (result.kind !== 'accepted') return { noWebhookResponse: true };
		this.logger.info('IdP Event Trigger: delivery accepted', { ...result.summary });
		let events = result.events;
		if (idp.afterAcknowledge) {
			const classified = await idp.afterAcknowledge(this, staticData, { delivery: result.delivery, events });
			events = classified.filter((event) => selected.includes(event.type));
		}
		if (events.length === 0) return { noWebhookResponse: true };

		if (options.enrich) await idp.enrich(this, events, { includeGroups: options.includeGroups });
		else for (const event of events) event.enrichment = { status: 'off' };

		if (windowMs > 0) {
			const ids = events.flatMap((event) => event.source.eventIds);
			recordSeen(readWindow(staticData), ids, Date.now(), windowMs);
		}
		return {
			noWebhookResponse: true,
			workflowData: [this.helpers.returnJsonArray(events as unknown as IDataObject[])],
		};
	}
}
