import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { checkAnswers, ErrorCode, type BookingAnswerView, type BookingAnswers, type ItemQuestion } from '@equipole/shared';
import { DataSource, EntityManager } from 'typeorm';
import { assertManages, type AuthUser } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import type { RawFieldError } from '../common/validation';
import type { QuestionsDto } from './dto/questions.dto';
import { QuestionsRepository } from './questions.repository';

/** Partners' own questions per item, and the check of a booking request's answers against them. */
@Injectable()
export class QuestionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly questions: QuestionsRepository,
  ) {}

  list(resourceId: string, manager: EntityManager = this.dataSource.manager): Promise<ItemQuestion[]> {
    return this.questions.forItem(manager, resourceId);
  }

  /** Replaces the item's questions (managers of its owner, coordinators). */
  async replace(user: AuthUser, resourceId: string, dto: QuestionsDto): Promise<ItemQuestion[]> {
    const details: RawFieldError[] = [];
    dto.questions.forEach((q, i) => {
      if (!q.labelFr && !q.labelNl && !q.labelEn) details.push({ field: `questions.${i}.labelFr`, constraint: 'isNotEmpty', args: [] });
      const options = q.options ?? [];
      if (q.kind === 'choice' && options.length === 0) details.push({ field: `questions.${i}.options`, constraint: 'arrayMinSize', args: [1] });
      if (q.kind !== 'choice' && options.length > 0) details.push({ field: `questions.${i}.options`, constraint: 'arrayMaxSize', args: [0] });
      if (new Set(options).size !== options.length) details.push({ field: `questions.${i}.options`, constraint: 'arrayUnique', args: [] });
    });
    const ids = dto.questions.map((q) => q.id).filter(Boolean);
    if (new Set(ids).size !== ids.length) details.push({ field: 'questions', constraint: 'arrayUnique', args: [] });
    if (details.length > 0) throw new DomainError(ErrorCode.ValidationFailed, { details });
    return this.dataSource.transaction(async (manager) => {
      const ownerId = await this.questions.lockItemOwner(manager, resourceId);
      if (!ownerId) throw new DomainError(ErrorCode.NotFound);
      assertManages(user, ownerId);
      const unknown = await this.questions.replace(manager, resourceId, dto.questions);
      if (unknown.length > 0) throw new DomainError(ErrorCode.NotFound, { details: { field: 'questions', ids: unknown } });
      return this.questions.forItem(manager, resourceId);
    });
  }

  /**
   * The request's answers checked against the item's questions, in the booking's transaction (after
   * the item's lock, so the questions cannot change before the booking is written): 400 with one
   * field error per wrong or missing answer.
   */
  checked(manager: EntityManager, resourceId: string, answers: Record<string, unknown> | undefined): Promise<{ answers: BookingAnswers; questions: ItemQuestion[] }> {
    return this.checkedForItems(manager, [resourceId], answers);
  }

  /** `checked` against the questions of several items at once (a campaign request served on any of them). */
  async checkedForItems(manager: EntityManager, resourceIds: string[], answers: Record<string, unknown> | undefined): Promise<{ answers: BookingAnswers; questions: ItemQuestion[] }> {
    const questions = await this.questions.forItems(manager, resourceIds);
    const result = checkAnswers(questions, answers);
    if (result.problems.length > 0) {
      throw new DomainError(ErrorCode.ValidationFailed, { details: result.problems.map((p) => ({ field: p.field, constraint: p.constraint, args: p.args ?? [] })) });
    }
    return { answers: result.answers, questions };
  }

  save(manager: EntityManager, bookingId: string, answers: BookingAnswers): Promise<void> {
    return this.questions.insertAnswers(manager, bookingId, answers);
  }

  /** The answers as a booking view shows them. */
  static views(questions: ItemQuestion[], answers: BookingAnswers): BookingAnswerView[] {
    return questions.filter((q) => q.id in answers).map((q) => ({ questionId: q.id, kind: q.kind, labels: q.labels, value: answers[q.id] }));
  }
}
