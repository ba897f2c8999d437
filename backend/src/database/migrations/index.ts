// Generated migrations in order. `npm run db:generate -- <Name>` writes a new file and a line here.
import { CardKeys1795900000000 } from './1795900000000-CardKeys.js';
import { AgentsAndLedger1795800000000 } from './1795800000000-AgentsAndLedger.js';
import { VipLevelEnglish1795700000001 } from './1795700000001-VipLevelEnglish.js';
import { RerollRequests1795700000000 } from './1795700000000-RerollRequests.js';
import { LevelServedStrategy1795600000000 } from './1795600000000-LevelServedStrategy.js';
import { TokenVersion1795500000001 } from './1795500000001-TokenVersion.js';
import { Hardening1795500000000 } from './1795500000000-Hardening.js';
import { PoolsAndAllocations1795321174752 } from './1795321174752-PoolsAndAllocations.js';
import { Signals1795320312724 } from './1795320312724-Signals.js';
import { MarketData1795319828492 } from './1795319828492-MarketData.js';
import { Init1795318328902 } from './1795318328902-Init.js';
import { Payments1796000000000 } from './1796000000000-Payments.js';
import { PaymentReceipt1796000000500 } from './1796000000500-PaymentReceipt.js';
import { LoginThrottleFinished1797000000300 } from './1797000000300-LoginThrottleFinished.js';
export const MIGRATIONS: Function[] = [
  Init1795318328902,
  MarketData1795319828492,
  Signals1795320312724,
  PoolsAndAllocations1795321174752,
  Hardening1795500000000,
  TokenVersion1795500000001,
  LevelServedStrategy1795600000000,
  RerollRequests1795700000000,
  VipLevelEnglish1795700000001,
  AgentsAndLedger1795800000000,
  CardKeys1795900000000,
  Payments1796000000000,
  PaymentReceipt1796000000500,
  LoginThrottleFinished1797000000300,
];
