/** One admin action in the operation log (`GET /admin/operation-logs`), secrets masked by the server. */
export interface OperationLogDto {
  id: string;
  at: string;
  operatorId: string | null;
  /** `system` for changes without a person */
  operatorName: string;
  /** e.g. `vip.grant`, `user.disable`, `vip_level.update` */
  action: string;
  targetType: string;
  targetId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ip: string | null;
}
