import { previewMappingOperation } from '../../../shared/mfa/n8n/operations/previewMapping';
import { ENTRA_NODE } from '../entraNode';

export const { description, destructive, execute } = previewMappingOperation(ENTRA_NODE);
