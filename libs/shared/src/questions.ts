import type { Locale } from './i18n';

/** What a partner's question asks for (issue 21: partners' own questions per item). */
export const QUESTION_KINDS = ['text', 'number', 'choice', 'yes_no'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** At most this many questions per item, options per choice, characters per text answer. */
export const MAX_QUESTIONS = 20;
export const MAX_QUESTION_OPTIONS = 30;
export const MAX_ANSWER_LENGTH = 1000;

/** A question as the item's managers write it (`PUT /api/resources/:id/questions`, in order). */
export interface QuestionInput {
  /** An existing question keeps its id (and its answers); a question without one is new. */
  id?: string;
  kind: QuestionKind;
  required: boolean;
  labelFr?: string | null;
  labelNl?: string | null;
  labelEn?: string | null;
  /** The choices of a `choice` question, as typed (one language); empty for the other kinds. */
  options?: string[];
}

/** A question of an item (`GET /api/resources/:id/questions`). */
export interface ItemQuestion {
  id: string;
  kind: QuestionKind;
  required: boolean;
  labels: Record<Locale, string | null>;
  options: string[];
}

export type AnswerValue = string | number | boolean;

/** A booking's answers, keyed by question id. */
export type BookingAnswers = Record<string, AnswerValue>;

/** One answer as a booking view shows it: the question as it is now, and the value given. */
export interface BookingAnswerView {
  questionId: string;
  kind: QuestionKind;
  labels: Record<Locale, string | null>;
  value: AnswerValue;
}

/** A field error of an answer: the field is `answers.<question id>`, the constraint one of the API's. */
export interface AnswerProblem {
  field: string;
  constraint: 'isNotEmpty' | 'isString' | 'isNumber' | 'isBoolean' | 'isIn' | 'maxLength' | 'whitelistValidation';
  args?: unknown[];
}

/**
 * Checks a request's answers against the item's questions: every required question answered, each
 * answer of its question's type (a number for `number`, one of the options for `choice`, true or
 * false for `yes_no`, text of at most MAX_ANSWER_LENGTH characters), no answer to a question the
 * item does not ask. Answers the cleaned answers (text trimmed, empty answers dropped) and the problems.
 */
export function checkAnswers(questions: readonly ItemQuestion[], answers: Readonly<Record<string, unknown>> | null | undefined): { answers: BookingAnswers; problems: AnswerProblem[] } {
  const given = answers ?? {};
  const problems: AnswerProblem[] = [];
  const clean: BookingAnswers = {};
  const known = new Set(questions.map((q) => q.id));
  for (const id of Object.keys(given)) {
    if (!known.has(id)) problems.push({ field: `answers.${id}`, constraint: 'whitelistValidation' });
  }
  for (const question of questions) {
    const field = `answers.${question.id}`;
    let value = given[question.id];
    if (typeof value === 'string') value = value.trim();
    if (value === undefined || value === null || value === '') {
      if (question.required) problems.push({ field, constraint: 'isNotEmpty' });
      continue;
    }
    switch (question.kind) {
      case 'text':
        if (typeof value !== 'string') problems.push({ field, constraint: 'isString' });
        else if (value.length > MAX_ANSWER_LENGTH) problems.push({ field, constraint: 'maxLength', args: [MAX_ANSWER_LENGTH] });
        else clean[question.id] = value;
        break;
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value)) problems.push({ field, constraint: 'isNumber' });
        else clean[question.id] = value;
        break;
      case 'choice':
        if (typeof value !== 'string' || !question.options.includes(value)) problems.push({ field, constraint: 'isIn' });
        else clean[question.id] = value;
        break;
      case 'yes_no':
        if (typeof value !== 'boolean') problems.push({ field, constraint: 'isBoolean' });
        else clean[question.id] = value;
        break;
    }
  }
  return { answers: clean, problems };
}
