import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { UsernameSource } from '../desiredUser';
import type { MfaCapabilities, MfaDirectory } from '../port';
import type { SampleProfile } from './mappingFields';

/** What an MFA provider node tells the shared operations about itself. */
export interface MfaNodeProvider {
	capabilities: MfaCapabilities;
	/** Examples for the id modes of the User and Group fields. */
	userIdPlaceholder: string;
	groupIdPlaceholder: string;
	/** The option that chooses the anchor field (Duo: "Alias for IdP User ID"), and how to read it. */
	anchorOption?: { property: INodeProperties; read(options: Record<string, unknown>): string };
	sampleProfile: SampleProfile;
	/** Provider options added to every operation that reads or writes groups. */
	groupOptions?: INodeProperties[];
	/** Which IdP value becomes the username unless the node says otherwise; default the login. */
	usernameSource?: UsernameSource;
	/**
	 * Whether a user can be read by the provider's id. Without it, the User field names users by
	 * username only, and an entry picked from the list stands for its username.
	 */
	usersById?: boolean;
}

/** One operation of an MFA provider node: its UI fields and what it does with the items. */
export interface MfaOperation {
	description: INodeProperties[];
	/** Whether it can remove access or data; such operations are not offered to AI agents. */
	destructive: boolean;
	execute(this: IExecuteFunctions, items: INodeExecutionData[], directory: MfaDirectory): Promise<INodeExecutionData[]>;
}

/** The anchor field the node's options choose, or the provider's default. */
export function anchorFieldOf(provider: MfaNodeProvider, options: Record<string, unknown>): string {
	return provider.anchorOption?.read(options) ?? provider.capabilities.anchorFields[0] ?? 'none';
}
