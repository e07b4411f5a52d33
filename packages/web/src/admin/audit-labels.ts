import type { TranslationKey } from '../common/errors';
import type { AuditAction } from './audit.resource';

export const ACTION_LABELS: Record<AuditAction, TranslationKey> = {
  C: 'auditActionCreate',
  R: 'auditActionRead',
  U: 'auditActionUpdate',
  D: 'auditActionDelete',
  E: 'auditActionExecute',
};
