import { upsertOperation } from '../../../shared/mfa/n8n/operations/upsert';
import { DUO_NODE, DUO_USER_FIELDS } from '../duoNode';

export const { description, destructive, execute } = upsertOperation(DUO_NODE, DUO_USER_FIELDS);
