import { upsertOperation } from '../../../shared/mfa/n8n/operations/upsert';
import { OKTA_NODE, OKTA_USER_FIELDS } from '../oktaNode';

export const { description, destructive, execute } = upsertOperation(OKTA_NODE, OKTA_USER_FIELDS);
