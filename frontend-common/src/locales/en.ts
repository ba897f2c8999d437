import type { SharedMessages } from './zh-CN';

const en: SharedMessages = {
  app: {
    brand: '智策 Zhice',
    language: 'Language',
  },
  common: {
    retry: 'Retry',
    refresh: 'Refresh',
    loading: 'Loading…',
    empty: 'No data',
    loadFailed: 'Failed to load',
    none: '—',
    unlimited: 'Unlimited',
    backHome: 'Back to home',
  },
  errors: {
    network: 'Network error, please check your connection and retry',
    timeout: 'The request timed out, please retry',
    unknown: 'Something went wrong',
    sessionExpired: 'Your session has expired, please sign in again',
  },
  login: {
    username: 'Username or e-mail',
    password: 'Password',
    captcha: 'Captcha',
    captchaPlaceholder: 'Characters in the picture',
    captchaRefresh: 'Hard to read? Click the picture for a new one',
    captchaRequired: 'Please enter the captcha',
    submit: 'Sign in',
    usernameRequired: 'Please enter your username or e-mail',
    passwordRequired: 'Please enter your password',
    locked: 'The account is locked, please try again after {time}',
    lockedNoTime: 'The account is temporarily locked, please try again later',
    disabled: 'This account has been disabled',
    success: 'Signed in',
  },
  accountRules: {
    usernameHint: '3–32 letters, digits or underscores',
    usernameRequired: 'Please enter a username',
    usernameFormat: 'Use 3–32 letters, digits or underscores',
    passwordHint: 'At least 8 characters, not all digits',
    passwordRequired: 'Please enter a password',
    passwordWeak: 'At least 8 characters, and not all digits',
    emailFormat: 'This is not a valid e-mail address',
  },
  vip: {
    level0: 'Free',
    level1: 'VIP1',
    level2: 'VIP2',
    level3: 'VIP3',
    level4: 'SVIP',
    levelN: 'VIP{n}',
  },
  pages: {
    notFoundTitle: '404 Not found',
    notFoundText: 'The page you are looking for does not exist.',
    forbiddenTitle: '403 Forbidden',
    forbiddenText: 'You do not have access to this page.',
  },
};

export default en;
