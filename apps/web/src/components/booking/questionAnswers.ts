import type { AnswerValue, BookingAnswerView, ItemQuestion, Locale } from '@equipole/shared';
import { pickOptional } from '@/utils/format';

type Translate = (key: string) => string;

/** What the booking form holds per question: text as typed, a number as typed, the chosen option, 'yes' / 'no' / ''. */
export type RawAnswers = Record<string, string>;

export function emptyAnswers(questions: readonly ItemQuestion[]): RawAnswers {
  return Object.fromEntries(questions.map((q) => [q.id, '']));
}

/** The answers as the API takes them: typed, empty ones left out (a number typed wrong stays text, and the API says so). */
export function answersForApi(questions: readonly ItemQuestion[], raw: RawAnswers): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  for (const q of questions) {
    const value = (raw[q.id] ?? '').trim();
    if (!value) continue;
    if (q.kind === 'yes_no') answers[q.id] = value === 'yes';
    else if (q.kind === 'number') answers[q.id] = Number.isFinite(Number(value.replace(',', '.'))) ? Number(value.replace(',', '.')) : value;
    else answers[q.id] = value;
  }
  return answers;
}

/** An answer as people read it, in their language. */
export function answerText(answer: Pick<BookingAnswerView, 'kind' | 'value'>, t: Translate, lang: Locale): string {
  if (answer.kind === 'yes_no') return t(answer.value ? 'bookings.questions.yes' : 'bookings.questions.no');
  if (typeof answer.value === 'number') return answer.value.toLocaleString(lang === 'nl' ? 'nl-BE' : lang === 'fr' ? 'fr-BE' : 'en-GB');
  return String(answer.value);
}

/** The CSV's one "answers" column: `question: answer` pairs separated by " | ", questions in the reader's language. */
export function answersCell(answers: readonly BookingAnswerView[] | undefined, t: Translate, lang: Locale): string {
  return (answers ?? []).map((a) => `${pickOptional(a.labels, lang)}: ${answerText(a, t, lang)}`).join(' | ');
}
