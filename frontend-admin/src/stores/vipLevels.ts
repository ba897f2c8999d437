import { createVipLevelsStore } from '@zhice/frontend-common/stores/vipLevels';
import { translator } from '@zhice/frontend-common/locales';
import { listVipLevels } from '@/api/vipLevels';
import { i18n } from '@/locales';

export { VIP_LEVELS } from '@zhice/frontend-common/stores/vipLevels';

/** VIP level names, read once from GET /vip-levels (the shared store with this app's API and messages). */
export const { useVipLevelsStore, defaultVipName } = createVipLevelsStore({
  listVipLevels,
  t: translator(i18n.global),
  locale: () => String(i18n.global.locale.value),
});
