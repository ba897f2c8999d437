/** Public view of a VIP level, as returned by `GET /api/v1/vip-levels` (type only). */
export interface VipLevelPublic {
  level: number;
  name: string;
  /** null = unlimited */
  stockQuota: number | null;
  /** price of the 3-month term, in fen */
  priceFen: number;
  enabled: boolean;
}
