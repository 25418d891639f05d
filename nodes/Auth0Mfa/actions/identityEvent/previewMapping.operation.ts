import { previewMappingOperation } from '../../../shared/mfa/n8n/operations/previewMapping';
import { AUTH0_NODE } from '../auth0Node';

export const { description, destructive, execute } = previewMappingOperation(AUTH0_NODE);
