import { identityEventEntries } from '../../../shared/mfa/n8n/entries';
import { operationMap, resourceDescription } from '../../../shared/mfa/n8n/resource';
import { ENTRA_NODE } from '../entraNode';
import * as apply from './apply.operation';
import * as previewMapping from './previewMapping.operation';

const entries = identityEventEntries(ENTRA_NODE, { apply, previewMapping });

export const operations = operationMap(entries);

export const description = resourceDescription('identityEvent', 'apply', entries);
