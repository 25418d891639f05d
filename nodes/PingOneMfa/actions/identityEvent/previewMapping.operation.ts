import { previewMappingOperation } from '../../../shared/mfa/n8n/operations/previewMapping';
import { PINGONE_NODE } from '../pingOneNode';

export const { description, destructive, execute } = previewMappingOperation(PINGONE_NODE);
