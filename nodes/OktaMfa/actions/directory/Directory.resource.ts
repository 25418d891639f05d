import { directoryResource } from '../../../shared/mfa/n8n/resource';
import * as reconcile from './reconcile.operation';

export const { operations, description } = directoryResource('Okta', reconcile);
