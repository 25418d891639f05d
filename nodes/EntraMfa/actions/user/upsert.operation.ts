import { upsertOperation } from '../../../shared/mfa/n8n/operations/upsert';
import { ENTRA_NODE, ENTRA_USER_FIELDS } from '../entraNode';

export const { description, destructive, execute } = upsertOperation(ENTRA_NODE, ENTRA_USER_FIELDS);
