import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { IdentityEvent, IdentityEventType, IdentityProviderId } from '../../shared/model';
import type { SourceAdapter } from '../pipeline/sourceAdapter';

export interface EnrichOptions {
	includeGroups: boolean;
}

export interface AcknowledgedDelivery {
	/** What the source adapter parsed. */
	delivery: unknown;
	/** The selected, not yet seen events. */
	events: IdentityEvent[];
}

/** Everything the trigger needs from one identity provider. */
export interface IdentityProviderModule {
	id: IdentityProviderId;
	credentialName: string;
	source: SourceAdapter<unknown>;
	/** The tenant or org name recorded on every event. */
	tenant(ctx: IWebhookFunctions): Promise<string>;
	/** The shared secret deliveries must present: from static data when registered automatically. */
	secret(ctx: IWebhookFunctions, staticData: IDataObject, automatic: boolean): Promise<string | undefined>;
	/** Runs after the delivery has been acknowledged: fetch profiles, classify, never throw. */
	enrich(ctx: IWebhookFunctions, events: IdentityEvent[], options: EnrichOptions): Promise<void>;
	/**
	 * Optional upkeep right after the acknowledgement, before enrichment and whatever the options:
	 * keeping the registration alive (renewals, lifecycle notices) and classifying events that need a
	 * look-up at the provider. Returns the events to emit; the trigger then applies Trigger On again.
	 * Never throws.
	 */
	afterAcknowledge?(
		ctx: IWebhookFunctions,
		staticData: IDataObject,
		acknowledged: AcknowledgedDelivery,
	): Promise<IdentityEvent[]>;
	registration: {
		exists(ctx: IHookFunctions, staticData: IDataObject, webhookUrl: string, selected: IdentityEventType[]): Promise<boolean>;
		create(ctx: IHookFunctions, staticData: IDataObject, webhookUrl: string, selected: IdentityEventType[], name: string): Promise<void>;
		remove(ctx: IHookFunctions, staticData: IDataObject): Promise<void>;
	};
}
