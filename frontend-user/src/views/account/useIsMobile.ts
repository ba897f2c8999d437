import { onBeforeUnmount, ref, type Ref } from 'vue';

/** Phone layout below this width (px), the same breakpoint as the member app's CSS. */
export const MOBILE_MAX_WIDTH = 639;

/** Reactive "is this a phone-sized screen" (only one of cards / table is rendered, not both). */
export function useIsMobile(): Ref<boolean> {
  const query = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(`(max-width: ${MOBILE_MAX_WIDTH}px)`) : null;
  const mobile = ref(query?.matches ?? false);
  const onChange = (e: MediaQueryListEvent): void => {
    mobile.value = e.matches;
  };
  query?.addEventListener('change', onChange);
  onBeforeUnmount(() => query?.removeEventListener('change', onChange));
  return mobile;
}
