import { AgentsEntities } from '../modules/agents/agents.entities.js';
import { AuditEntities } from '../modules/audit/audit.entities.js';
import { AuthEntities } from '../modules/auth/auth.entities.js';
import { CardKeysEntities } from '../modules/card-keys/card-keys.entities.js';
import { JobEntities } from '../modules/jobs/jobs.entities.js';
import { MailEntities } from '../modules/mail/mail.entities.js';
import { MarketDataEntities } from '../modules/market-data/market-data.entities.js';
import { SignalsEntities } from '../modules/signals/signals.entities.js';
import { AllocationEntities } from '../modules/allocation/allocation.entities.js';
import { LedgerEntities } from '../modules/ledger/ledger.entities.js';
import { StockPoolEntities } from '../modules/stock-pool/stock-pool.entities.js';
import { UserEntities } from '../modules/users/users.entities.js';
import { VipEntities } from '../modules/vip/vip.entities.js';
import { PaymentsEntities } from '../modules/payments/payments.entities.js';

/** Every entity of the app, one line per feature module. The DataSource and the CLI read this. */
export const ENTITIES = [...UserEntities, ...AuthEntities, ...AuditEntities, ...MailEntities, ...JobEntities, ...VipEntities, ...StockPoolEntities, ...AllocationEntities, ...MarketDataEntities, ...SignalsEntities, ...AgentsEntities, ...LedgerEntities, ...CardKeysEntities, ...PaymentsEntities];
