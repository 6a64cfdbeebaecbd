import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ErrorCode } from '@equipole/shared';
import { DomainError } from './domain-error';

/** A failed class-validator rule, untranslated; the filter turns it into a FieldError in the caller's language. */
export interface RawFieldError {
  field: string;
  constraint: string;
  args: unknown[];
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): RawFieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.keys(error.constraints ?? {}).map((constraint) => ({
      field,
      constraint,
      args: (error.contexts?.[constraint]?.args as unknown[] | undefined) ?? constraintArgs(error, constraint),
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** class-validator keeps a rule's arguments only in its English message; read the number back for min/max rules. */
function constraintArgs(error: ValidationError, constraint: string): unknown[] {
  const message = error.constraints?.[constraint] ?? '';
  const number = /(-?\d+(?:\.\d+)?)/.exec(message.replace(error.property, ''));
  return number ? [Number(number[1])] : [];
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => new DomainError(ErrorCode.ValidationFailed, { details: flattenValidationErrors(errors) }),
  });
}
