import { LedgerAccount } from './entities/ledger-account.entity.js';
import { LedgerCheck } from './entities/ledger-check.entity.js';
import { LedgerEntry } from './entities/ledger-entry.entity.js';
import { LedgerSettings } from './entities/ledger-settings.entity.js';
import { LedgerTransfer } from './entities/ledger-transfer.entity.js';
import { LedgerWithdrawal } from './entities/ledger-withdrawal.entity.js';
export const LedgerEntities = [LedgerAccount, LedgerTransfer, LedgerEntry, LedgerWithdrawal, LedgerSettings, LedgerCheck];
