import { createUseAsync } from '@zhice/frontend-common/composables/useAsync';
import { showError } from '@/utils/notify';

export type { UseAsync, UseAsyncOptions } from '@zhice/frontend-common/composables/useAsync';

/** Loading / error / data state around one async task; failures toast through this app's showError. */
export const useAsync = createUseAsync(showError);
