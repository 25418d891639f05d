import { identityEventEntries } from '../../../shared/mfa/n8n/entries';
import { operationMap, resourceDescription } from '../../../shared/mfa/n8n/resource';
import { AUTH0_NODE } from '../auth0Node';
import * as apply from './apply.operation';
import * as previewMapping from './previewMapping.operation';

const entries = identityEventEntries(AUTH0_NODE, { apply, previewMapping });

export const operations = operationMap(entries);

export const description = resourceDescription('identityEvent', 'apply', entries);
