import { applyOperation } from '../../../shared/mfa/n8n/operations/apply';
import { PINGONE_NODE } from '../pingOneNode';

export const { description, destructive, execute } = applyOperation(PINGONE_NODE);
