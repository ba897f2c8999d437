import { CardBatch } from './entities/card-batch.entity.js';
import { CardApiNonce, CardApiUsage, CardRedeemThrottle, CardSettings } from './entities/card-guard-state.entity.js';
import { CardKey } from './entities/card-key.entity.js';
import { CardPrice } from './entities/card-price.entity.js';
import { CardProjectApplication } from './entities/card-project-application.entity.js';
import { CardProjectAuthorization } from './entities/card-project-authorization.entity.js';
import { CardProject } from './entities/card-project.entity.js';
import { CardVerificationLog } from './entities/card-verification-log.entity.js';
export const CardKeysEntities = [CardProject, CardProjectAuthorization, CardProjectApplication, CardPrice, CardBatch, CardKey, CardVerificationLog, CardRedeemThrottle, CardApiNonce, CardApiUsage, CardSettings];
