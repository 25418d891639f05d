import { upsertOperation } from '../../../shared/mfa/n8n/operations/upsert';
import { AUTH0_NODE, AUTH0_USER_FIELDS } from '../auth0Node';

export const { description, destructive, execute } = upsertOperation(AUTH0_NODE, AUTH0_USER_FIELDS);
