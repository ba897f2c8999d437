import { AuthLink } from './entities/auth-link.entity.js';
import { Captcha } from './entities/captcha.entity.js';
import { LoginLog } from './entities/login-log.entity.js';
import { LoginThrottle } from './entities/login-throttle.entity.js';
import { RefreshToken } from './entities/refresh-token.entity.js';
export const AuthEntities = [RefreshToken, LoginLog, AuthLink, Captcha, LoginThrottle];
