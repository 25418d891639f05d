import { identityEventEntries } from '../../../shared/mfa/n8n/entries';
import { operationMap, resourceDescription } from '../../../shared/mfa/n8n/resource';
import { PINGONE_NODE } from '../pingOneNode';
import * as apply from './apply.operation';
import * as previewMapping from './previewMapping.operation';

const entries = identityEventEntries(PINGONE_NODE, { apply, previewMapping });

export const operations = operationMap(entries);

export const description = resourceDescription('identityEvent', 'apply', entries);
