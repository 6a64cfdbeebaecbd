import type { BookingAnswerView, ItemQuestion } from '@equipole/shared';
import { describe, expect, it } from 'vitest';
import { answersCell, answersForApi } from './questionAnswers';

const labels = (fr: string) => ({ fr, nl: null, en: null });
const questions: ItemQuestion[] = [
  { id: 'a', kind: 'text', required: true, labels: labels('Pièce'), options: [] },
  { id: 'b', kind: 'number', required: false, labels: labels('Épaisseur'), options: [] },
  { id: 'c', kind: 'choice', required: false, labels: labels('Matériau'), options: ['Acier', 'Inox'] },
  { id: 'd', kind: 'yes_no', required: false, labels: labels('EPI'), options: [] },
];

describe('booking answers', () => {
  it('types the answers for the API and leaves empty ones out', () => {
    expect(answersForApi(questions, { a: ' Équerres ', b: '1,5', c: 'Inox', d: 'no' })).toEqual({ a: 'Équerres', b: 1.5, c: 'Inox', d: false });
    expect(answersForApi(questions, { a: '', b: '', c: '', d: '' })).toEqual({});
    // A number typed wrong goes as text: the API answers which field is wrong.
    expect(answersForApi(questions, { b: 'thick' })).toEqual({ b: 'thick' });
  });

  it('writes the answers in one CSV cell, questions in the reader’s language', () => {
    const answers: BookingAnswerView[] = [
      { questionId: 'a', kind: 'text', labels: { fr: 'Pièce', nl: null, en: 'Part' }, value: 'Équerres' },
      { questionId: 'd', kind: 'yes_no', labels: labels('EPI'), value: true },
    ];
    const t = (key: string) => ({ 'bookings.questions.yes': 'Yes', 'bookings.questions.no': 'No' })[key] ?? key;
    expect(answersCell(answers, t, 'en')).toBe('Part: Équerres | EPI: Yes');
    expect(answersCell(undefined, t, 'en')).toBe('');
  });
});
