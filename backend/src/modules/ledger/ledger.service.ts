// TEMPORARY STUB (cardkeys branch) until the `ledger` branch's LedgerService is merged.
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export type AccountRef = { kind: 'agent'; userId: string } | { kind: 'system' } | { kind: 'card_sales' } | { kind: 'withdrawals_payable' };
export interface PostResult {
  id: string;
  status: string;
  amountFen: bigint;
  replayed: boolean;
}

@Injectable()
export class LedgerService {
  async postIn(
    _m: EntityManager,
    req: { from: AccountRef; to: AccountRef; amountFen: bigint; type: string; idempotencyKey: string; reference?: string; note?: string; operatorId?: string | null },
  ): Promise<PostResult> {
    return { id: randomUUID(), status: 'posted', amountFen: req.amountFen, replayed: false };
  }

  publishAfterCommit(_results: PostResult[]): void {}
}
