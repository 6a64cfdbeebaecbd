import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { photoProblem } from '@/components/partner/resourceForm';
import { MAX_PHOTO_BYTES, PHOTO_TYPES } from '@/services/partner';

/**
 * A photo chosen in a form's file input, checked as the API checks it (type and size) before anything
 * is sent: the file chosen, why it would be refused (translated, or null), and what the input accepts.
 * Each form decides what a refused file means for it (kept to focus on submit, or not previewed).
 */
export function usePhotoChoice() {
  const { t } = useI18n();
  const chosen = ref<File | null>(null);
  const error = ref<string | null>(null);
  const maxMb = MAX_PHOTO_BYTES / 1024 / 1024;

  /** Reads the input's file: returns it when it can be sent, null when none was chosen or it would be refused. */
  function choose(event: Event): File | null {
    const file = (event.target as HTMLInputElement).files?.[0] ?? null;
    chosen.value = file;
    const problem = file ? photoProblem(file, PHOTO_TYPES, MAX_PHOTO_BYTES) : null;
    error.value = problem ? t(`partner.photos.problems.${problem}`, { max: maxMb }) : null;
    return problem ? null : file;
  }

  return { chosen, error, maxMb, accept: PHOTO_TYPES.join(','), choose };
}
