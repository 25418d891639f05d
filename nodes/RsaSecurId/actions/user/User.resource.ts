import { userEntries } from '../../../shared/mfa/n8n/entries';
import { operationMap, resourceDescription } from '../../../shared/mfa/n8n/resource';
import { RSA_NODE } from '../rsaNode';
import * as deleteUser from './deleteUser.operation';
import * as disable from './disable.operation';
import * as enable from './enable.operation';
import * as get from './get.operation';
import * as resetEnrollment from './resetEnrollment.operation';

/** No Create or Update (the identity source owns users) and no Sync Groups (no groups for this API key). */
const entries = userEntries(RSA_NODE, { delete: deleteUser, disable, enable, get, resetEnrollment }, 'every authenticator');

export const operations = operationMap(entries);

export const description = resourceDescription('user', 'get', entries);
