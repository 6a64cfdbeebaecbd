import { describe, expect, it } from 'vitest';
import { checkAnswers, MAX_ANSWER_LENGTH, type ItemQuestion } from './questions';

const labels = { fr: 'Q', nl: null, en: null };
const questions: ItemQuestion[] = [
  { id: 'text', kind: 'text', required: true, labels, options: [] },
  { id: 'number', kind: 'number', required: false, labels, options: [] },
  { id: 'choice', kind: 'choice', required: false, labels, options: ['Acier', 'Inox'] },
  { id: 'yes', kind: 'yes_no', required: true, labels, options: [] },
];

describe('checkAnswers', () => {
  it('keeps typed answers, trims text and drops empty optional ones', () => {
    expect(checkAnswers(questions, { text: '  Équerres ', number: 0, choice: '', yes: false })).toEqual({
      answers: { text: 'Équerres', number: 0, yes: false }, problems: [],
    });
  });

  it('names every required question left unanswered, blank text included', () => {
    expect(checkAnswers(questions, { text: '   ' }).problems).toEqual([
      { field: 'answers.text', constraint: 'isNotEmpty' }, { field: 'answers.yes', constraint: 'isNotEmpty' },
    ]);
    expect(checkAnswers(questions, undefined).problems).toHaveLength(2);
  });

  it('refuses a value of the wrong type, an option not offered, text too long and questions the item does not ask', () => {
    const { problems } = checkAnswers(questions, { text: 'x'.repeat(MAX_ANSWER_LENGTH + 1), number: '3', choice: 'Bois', yes: 'true', other: 1 });
    expect(problems).toEqual([
      { field: 'answers.other', constraint: 'whitelistValidation' },
      { field: 'answers.text', constraint: 'maxLength', args: [MAX_ANSWER_LENGTH] },
      { field: 'answers.number', constraint: 'isNumber' },
      { field: 'answers.choice', constraint: 'isIn' },
      { field: 'answers.yes', constraint: 'isBoolean' },
    ]);
    expect(checkAnswers(questions, { text: 'a', yes: true, number: Number.NaN }).problems).toEqual([{ field: 'answers.number', constraint: 'isNumber' }]);
  });
});
