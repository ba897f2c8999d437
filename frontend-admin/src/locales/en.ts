import type { MessageSchema } from './zh-CN';

const en: MessageSchema = {
  app: {
    panel: 'Admin',
  },
  common: {
    search: 'Search',
    reset: 'Reset',
    close: 'Close',
    view: 'View',
    all: 'All',
    actions: 'Actions',
    yes: 'Yes',
    no: 'No',
    save: 'Save',
    cancel: 'Cancel',
    done: 'Done',
    copy: 'Copy',
    copied: 'Copied',
    copyFailed: 'Could not copy, please select and copy it by hand',
  },
  errors: {
    forbidden: 'You are not allowed to do this',
  },
  login: {
    title: 'Admin sign-in',
    subtitle: 'For administrators and agents',
    disabled: 'This account has been disabled, please contact an administrator',
    invalidCredentials: 'Wrong username or password',
    noAccess: 'This account has no access to the admin panel (administrators and agents only)',
  },
  header: {
    menu: 'Main menu',
    breadcrumb: 'You are here',
    menuSearch: 'Search the menu',
    fullscreen: 'Full screen',
    exitFullscreen: 'Exit full screen',
    dark: 'Dark mode',
    light: 'Light mode',
    profile: 'Profile',
    username: 'Username',
    role: 'Role',
    email: 'E-mail',
    closeOthers: 'Close others',
    collapse: 'Collapse menu',
    expand: 'Expand menu',
    logout: 'Sign out',
    loggedOut: 'Signed out',
  },
  roles: {
    admin: 'Administrator',
    agent: 'Agent',
    user: 'Member',
  },
  status: {
    active: 'Active',
    disabled: 'Disabled',
  },
  account: {
    changePassword: 'Change password',
  },
  /** components/PagedTable.vue */
  table: {
    densityTitle: 'Row density',
    density: { large: 'Comfortable', default: 'Default', small: 'Compact' },
    columns: 'Columns',
    export: 'Export',
    selected: '{n} selected',
  },
};

export default en;
