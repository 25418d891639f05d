import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { IdentityEvent, IdentityEventType, IdentityProviderId } from '../../shared/model';
import type { DirectReply, InboundRequest } from '../pipeline/request';
import type { SourceAdapter } from '../pipeline/sourceAdapter';
import type { SecretSource } from '../webhookSecret';

/** What the trigger knows of a request before the pipeline runs. */
export interface PrepareInput {
	request: InboundRequest;
	staticData: IDataObject;
	automatic: boolean;
	/** Whether the request carries one of the shared secrets, or none is required. */
	authenticated: boolean;
	now: number;
	/** The duplicate window in milliseconds (0: off). */
	windowMs: number;
}

/** What `prepare` hands to the adapter's parse, or the reply when it could not prepare. */
export type Prepared = { ok: true; value: unknown } | { ok: false; reply: DirectReply; log: string };

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
export interface IdentityProviderModule extends SecretSource {
	id: IdentityProviderId;
	credentialName: string;
	source: SourceAdapter<unknown>;
	/** The tenant or org name recorded on every event. */
	tenant(ctx: IWebhookFunctions): Promise<string>;
	/**
	 * Looks up what the adapter's parse needs and cannot find in the request (a signed format's
	 * keys). Runs before the pipeline; should not throw.
	 */
	prepare?(ctx: IWebhookFunctions, input: PrepareInput): Promise<Prepared>;
	/** Told of every refused delivery, after the reply was sent, with the log line. Must not throw. */
	rejected?(ctx: IWebhookFunctions, log: string): void;
	/** Runs after the delivery has been acknowledged: fetch profiles, and should not throw. */
	enrich(ctx: IWebhookFunctions, events: IdentityEvent[], options: EnrichOptions): Promise<void>;
	/**
	 * Optional upkeep right after the acknowledgement, before enrichment and whatever the options:
	 * keeping the registration alive (renewals, lifecycle notices) and classifying events that need a
	 * look-up at the provider. Returns the events to emit; the trigger then applies Trigger On again.
	 * Should not throw; if it does, the trigger emits {@link unclassified} of each event instead.
	 */
	afterAcknowledge?(
		ctx: IWebhookFunctions,
		staticData: IDataObject,
		acknowledged: AcknowledgedDelivery,
	): Promise<IdentityEvent[]>;
	/** What to emit for an event when afterAcknowledge failed; undefined drops it. Default: the event. */
	unclassified?(event: IdentityEvent): IdentityEvent | undefined;
	/**
	 * Automatic registration. The trigger checks first that the registration was made with the
	 * current derived secret; `exists` then asks the provider whether it is still in place.
	 */
	registration: {
		exists(ctx: IHookFunctions, staticData: IDataObject, webhookUrl: string, selected: IdentityEventType[]): Promise<boolean>;
		/** Registers with `secret`, the derived secret every delivery must present; never stores it. */
		create(ctx: IHookFunctions, staticData: IDataObject, webhookUrl: string, selected: IdentityEventType[], name: string, secret: string): Promise<void>;
		remove(ctx: IHookFunctions, staticData: IDataObject): Promise<void>;
	};
}
