/** Messages of the change-password page (forced after an account created by someone else). */
const zhCN = {
  changePassword: {
    title: '修改密码',
    forced: '此账户的初始密码由他人设置，请先设置您自己的密码。',
    current: '当前密码',
    next: '新密码',
    confirm: '确认新密码',
    currentRequired: '请输入当前密码',
    confirmMismatch: '两次输入的新密码不一致',
    sameAsCurrent: '新密码不能与当前密码相同',
    submit: '保存新密码',
    done: '密码已修改，其他设备上的登录已退出',
  },
};

const en: typeof zhCN = {
  changePassword: {
    title: 'Change password',
    forced: 'Someone else set this account’s first password; please choose your own before going on.',
    current: 'Current password',
    next: 'New password',
    confirm: 'Confirm the new password',
    currentRequired: 'Please enter your current password',
    confirmMismatch: 'The new passwords do not match',
    sameAsCurrent: 'The new password must differ from the current one',
    submit: 'Save the new password',
    done: 'Password changed; sessions on other devices were signed out',
  },
};

export const passwordMessages = { 'zh-CN': zhCN, en };
