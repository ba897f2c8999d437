/**
 * Messages of the dev outbox, kept beside its views and merged into the
 * app's i18n (locales/messages.ts). zh-CN first; en mirrors it.
 */
const zhCN = {
  menu: { outbox: '开发邮箱' },
  outbox: {
    title: '开发邮箱',
    hint: '未配置 SMTP 时，系统发出的邮件保存在这里，便于开发和演示。',
    createdAt: '时间',
    to: '收件人',
    subject: '主题',
    text: '正文',
    html: 'HTML 预览',
    open: '打开',
  },
};

const en: typeof zhCN = {
  menu: { outbox: 'Dev outbox' },
  outbox: {
    title: 'Dev outbox',
    hint: 'Without SMTP configured, every mail the system sends is kept here for development and demos.',
    createdAt: 'Time',
    to: 'To',
    subject: 'Subject',
    text: 'Text',
    html: 'HTML preview',
    open: 'Open',
  },
};

export const outboxMessages = { 'zh-CN': zhCN, en };
