/**
 * The admin panel's messages, merged over the ones both apps share (frontend-common/src/locales):
 * only the keys the whole panel uses (app, common, errors, login, header, roles, status); it overrides
 * `login.disabled`. Every area keeps its own messages (menu title included) beside its views in
 * `views/<area>/i18n.ts`; ./messages.ts lists them all. en mirrors zh-CN.
 */
const zhCN = {
  app: {
    panel: '管理后台',
  },
  common: {
    search: '搜索',
    reset: '重置',
    close: '关闭',
    view: '查看',
    all: '全部',
    actions: '操作',
    yes: '是',
    no: '否',
    save: '保存',
    cancel: '取消',
    done: '完成',
    copy: '复制',
    copied: '已复制',
    copyFailed: '复制失败，请手动选择复制',
  },
  errors: {
    forbidden: '没有权限执行此操作',
  },
  login: {
    title: '管理后台登录',
    subtitle: '管理员与代理登录',
    disabled: '该账户已被停用，请联系管理员',
    invalidCredentials: '用户名或密码错误',
    noAccess: '该账户没有管理后台的访问权限（仅限管理员和代理）',
  },
  header: {
    menu: '主菜单',
    breadcrumb: '当前位置',
    menuSearch: '搜索菜单',
    fullscreen: '全屏',
    exitFullscreen: '退出全屏',
    dark: '深色模式',
    light: '浅色模式',
    profile: '个人资料',
    username: '用户名',
    role: '角色',
    email: '邮箱',
    closeOthers: '关闭其他',
    collapse: '收起菜单',
    expand: '展开菜单',
    logout: '退出登录',
    loggedOut: '已退出登录',
  },
  roles: {
    admin: '管理员',
    agent: '代理',
    user: '会员',
  },
  status: {
    active: '正常',
    disabled: '已停用',
  },
  account: {
    changePassword: '修改密码',
  },
  /** components/PagedTable.vue */
  table: {
    densityTitle: '表格密度',
    density: { large: '宽松', default: '默认', small: '紧凑' },
    columns: '列设置',
    export: '导出',
    selected: '已选 {n} 项',
  },
};

export type MessageSchema = typeof zhCN;
export default zhCN;
