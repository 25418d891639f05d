import { identityEventEntries } from '../../../shared/mfa/n8n/entries';
import { operationMap, resourceDescription } from '../../../shared/mfa/n8n/resource';
import { OKTA_NODE } from '../oktaNode';
import * as apply from './apply.operation';
import * as previewMapping from './previewMapping.operation';

const entries = identityEventEntries(OKTA_NODE, { apply, previewMapping });

export const operations = operationMap(entries);

export const description = resourceDescription('identityEvent', 'apply', entries);
