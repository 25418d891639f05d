import { createGroupOperation } from '../../../shared/mfa/n8n/operations/groups';
import { DUO_NODE } from '../duoNode';

export const { description, destructive, execute } = createGroupOperation(DUO_NODE);
