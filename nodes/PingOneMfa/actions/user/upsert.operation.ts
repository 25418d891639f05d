import { upsertOperation } from '../../../shared/mfa/n8n/operations/upsert';
import { PINGONE_NODE, PINGONE_USER_FIELDS } from '../pingOneNode';

export const { description, destructive, execute } = upsertOperation(PINGONE_NODE, PINGONE_USER_FIELDS);
