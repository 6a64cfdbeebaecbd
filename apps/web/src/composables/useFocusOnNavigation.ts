import { nextTick, onScopeDispose, type Ref } from 'vue';
import { useRouter } from 'vue-router';

/**
 * After a client-side navigation, moves keyboard and screen-reader focus to the new
 * page's content, as a full page load would (WCAG 2.4.3). The first load is left alone.
 */
export function useFocusOnNavigation(target: Ref<HTMLElement | null | undefined>): void {
  const router = useRouter();
  const stop = router.afterEach((to, from, failure) => {
    if (failure || from.matched.length === 0 || to.path === from.path) return;
    void nextTick(() => target.value?.focus({ preventScroll: true }));
  });
  onScopeDispose(stop);
}
