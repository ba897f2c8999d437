/**
 * Messages of the operation log, kept beside its views and merged into the
 * app's i18n (locales/messages.ts). zh-CN first; en mirrors it.
 */
const zhCN = {
  menu: { operationLogs: '操作日志' },
  opLogs: {
    title: '操作日志',
    operator: '操作人',
    action: '操作',
    targetType: '对象类型',
    targetId: '对象 ID',
    from: '开始时间',
    to: '结束时间',
    at: '时间',
    target: '对象',
    filterTarget: '只看该对象',
    changed: '变更字段',
    ip: 'IP',
    field: '字段',
    before: '变更前',
    after: '变更后',
    absent: '（无）',
    noSnapshot: '没有记录快照',
    diff: {
      same: '',
      changed: '已修改',
      added: '新增',
      removed: '删除',
    },
    actionNames: {
      vip_grant: '授予 VIP',
      vip_level_update: '修改 VIP 等级',
      user_create: '新建用户',
      user_update: '修改用户',
      user_disable: '停用用户',
      user_enable: '启用用户',
      user_password_reset: '重置密码',
      data_source_update: '修改数据源',
      data_source_reorder: '调整数据源优先级',
    },
    targetTypes: {
      user: '用户',
      vip_level: 'VIP 等级',
      data_source: '数据源',
    },
  },
};

const en: typeof zhCN = {
  menu: { operationLogs: 'Operation log' },
  opLogs: {
    title: 'Operation log',
    operator: 'Operator',
    action: 'Action',
    targetType: 'Target type',
    targetId: 'Target ID',
    from: 'From',
    to: 'To',
    at: 'Time',
    target: 'Target',
    filterTarget: 'Only this target',
    changed: 'Changed fields',
    ip: 'IP',
    field: 'Field',
    before: 'Before',
    after: 'After',
    absent: '(none)',
    noSnapshot: 'No snapshot recorded',
    diff: {
      same: '',
      changed: 'changed',
      added: 'added',
      removed: 'removed',
    },
    actionNames: {
      vip_grant: 'Grant VIP',
      vip_level_update: 'Edit VIP level',
      user_create: 'Create user',
      user_update: 'Edit user',
      user_disable: 'Disable user',
      user_enable: 'Enable user',
      user_password_reset: 'Reset password',
      data_source_update: 'Update data source',
      data_source_reorder: 'Reorder data sources',
    },
    targetTypes: {
      user: 'User',
      vip_level: 'VIP level',
      data_source: 'Data source',
    },
  },
};

export const operationLogsMessages = { 'zh-CN': zhCN, en };
