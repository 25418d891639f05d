import { groupResource } from '../../../shared/mfa/n8n/resources';
import * as create from './create.operation';
import * as deleteGroup from './deleteGroup.operation';
import * as getAll from './getAll.operation';
import * as rename from './rename.operation';

export const { operations, description } = groupResource({ create, delete: deleteGroup, getAll, rename });
