import type { MessageSchema } from './zh-CN';

const en: MessageSchema = {
  app: {
    disclaimer: 'Zhice is a research tool. Its signals and data are not investment advice. Investing involves risk.',
  },
  common: {
    toLogin: 'Sign in',
  },
  nav: {
    sections: 'Main sections',
    vip: 'Membership',
    messages: 'Messages',
    mine: 'Me',
    account: 'My account',
    login: 'Sign in',
    register: 'Sign up',
    logout: 'Sign out',
    loggedOut: 'Signed out',
  },
  signalActions: { BUY: 'Buy', SELL: 'Sell', HOLD: 'Hold' },
};

export default en;
