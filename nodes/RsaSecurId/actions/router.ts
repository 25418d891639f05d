import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { DEFAULT_RETRY_POLICY } from '../../shared/http/retryPolicy';
import { readDryRun, readRetrySettings } from '../../shared/mfa/n8n/options';
import { routeMfaOperation } from '../../shared/mfa/n8n/router';
import { RsaDirectory } from '../client/RsaDirectory';
import { RsaSecurIdClient } from '../client/RsaSecurIdClient';
import { rsaAdminBase, type RsaCredentialData } from '../transport/endpoint';
import { RSA_CREDENTIAL } from '../transport/request';
import * as directory from './directory/Directory.resource';
import * as identityEvent from './identityEvent/IdentityEvent.resource';
import * as user from './user/User.resource';

const RESOURCES = { directory: directory.operations, user: user.operations, identityEvent: identityEvent.operations };

async function tenantOf(ctx: IExecuteFunctions): Promise<string> {
	const credentials = (await ctx.getCredentials(RSA_CREDENTIAL)) as unknown as RsaCredentialData;
	return rsaAdminBase(credentials.adminRestApiUrl);
}

/** Builds the execution's RSA directory once and runs the chosen operation with it. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeMfaOperation(this, RESOURCES, async (offline) => {
		const client = new RsaSecurIdClient(this, { retry: readRetrySettings(this, DEFAULT_RETRY_POLICY) });
		return new RsaDirectory(this.getNode(), client, {
			account: offline ? '' : await tenantOf(this),
			dryRun: readDryRun(this),
		});
	});
}
