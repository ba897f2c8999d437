import { OperationLog } from './entities/operation-log.entity.js';
export const AuditEntities = [OperationLog];
