import { computed, onBeforeUnmount, onMounted, ref, type Ref } from 'vue';
import { useConfirm } from 'primevue/useconfirm';
import { useI18n } from 'vue-i18n';
import { onBeforeRouteLeave } from 'vue-router';

/**
 * Dirty tracking for a form and the guard against leaving it: `snapshot` serialises what would be
 * saved; after `markClean()` (loaded, saved) any difference makes the form dirty. Leaving the page
 * then asks first (unless a save is running), and closing the tab lets the browser warn.
 */
export function useUnsavedChanges(snapshot: Ref<string>, submitting: Ref<boolean>) {
  const { t } = useI18n();
  const confirm = useConfirm();
  const baseline = ref<string | null>(null);
  const dirty = computed(() => baseline.value !== null && baseline.value !== snapshot.value);

  function markClean(): void {
    baseline.value = snapshot.value;
  }

  onBeforeRouteLeave(() => {
    if (!dirty.value || submitting.value) return true;
    return new Promise<boolean>((resolve) => {
      confirm.require({
        header: t('partner.editor.leaveTitle'),
        message: t('partner.editor.leaveConfirm'),
        acceptProps: { label: t('partner.editor.leave'), severity: 'danger' },
        rejectProps: { label: t('partner.editor.stay'), severity: 'secondary', outlined: true },
        accept: () => resolve(true),
        reject: () => resolve(false),
        onHide: () => resolve(false),
      });
    });
  });

  function warnBeforeUnload(event: BeforeUnloadEvent): void {
    if (dirty.value) event.preventDefault();
  }
  onMounted(() => window.addEventListener('beforeunload', warnBeforeUnload));
  onBeforeUnmount(() => window.removeEventListener('beforeunload', warnBeforeUnload));

  return { dirty, markClean };
}
