// TEMPORARY STUB (cardkeys branch) until the `ledger` branch is merged.
import { Module } from '@nestjs/common';
import { LedgerService } from './ledger.service.js';

@Module({ providers: [LedgerService], exports: [LedgerService] })
export class LedgerModule {}
