import { nextTick } from 'vue';

/**
 * A refused form must not look like nothing happened: once the errors have rendered, bring the
 * summary (or, without one, the form's first invalid field) into view and move focus to it.
 */
export async function revealErrors(summary: () => HTMLElement | null | undefined, form?: () => HTMLElement | null | undefined): Promise<void> {
  await nextTick();
  const target = summary() ?? form?.()?.querySelector<HTMLElement>('[aria-invalid="true"], .p-invalid');
  if (!target) return;
  target.scrollIntoView({ block: 'center' });
  target.focus({ preventScroll: true });
}
