/** Messages of the card-key redeem box (membership and account pages). zh-CN first; en mirrors it. */
const zhCN = {
  redeem: {
    title: '卡密兑换',
    label: '卡密',
    placeholder: 'XXXX-XXXX-XXXX-XXXX',
    submit: '兑换',
    hint: '粘贴代理提供的卡密即可，空格、横线、大小写和全角字符都可以。',
    success: '兑换成功：{name}，有效期至 {date}',
  },
};

const en: typeof zhCN = {
  redeem: {
    title: 'Redeem a card key',
    label: 'Card key',
    placeholder: 'XXXX-XXXX-XXXX-XXXX',
    submit: 'Redeem',
    hint: 'Paste the key your agent gave you; spaces, dashes, case and full-width characters are fine.',
    success: 'Redeemed: {name}, valid until {date}',
  },
};

export const redeemMessages = { 'zh-CN': zhCN, en };
