import { groupEntries } from '../../../shared/mfa/n8n/entries';
import { operationMap, resourceDescription } from '../../../shared/mfa/n8n/resource';
import * as create from './create.operation';
import * as deleteGroup from './deleteGroup.operation';
import * as getAll from './getAll.operation';
import * as rename from './rename.operation';

const entries = groupEntries({ create, delete: deleteGroup, getAll, rename });

export const operations = operationMap(entries);

export const description = resourceDescription('group', 'create', entries);
