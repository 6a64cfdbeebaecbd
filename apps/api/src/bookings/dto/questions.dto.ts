import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { MAX_QUESTION_OPTIONS, MAX_QUESTIONS, QUESTION_KINDS, type QuestionInput, type QuestionKind } from '@equipole/shared';
import { trimToNull } from '../../common/dto';

export class QuestionDto implements QuestionInput {
  @ApiPropertyOptional({ format: 'uuid', description: 'An existing question (kept with its answers); none for a new one.' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty({ enum: QUESTION_KINDS })
  @IsIn(QUESTION_KINDS)
  kind: QuestionKind;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  required = false;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(300)
  labelFr?: string | null = null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(300)
  labelNl?: string | null = null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(300)
  labelEn?: string | null = null;

  @ApiPropertyOptional({ type: [String], description: 'The choices of a choice question (required then, empty otherwise).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_QUESTION_OPTIONS)
  @Transform(({ value }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value))
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  options: string[] = [];
}

/** `PUT /api/resources/:id/questions`: the item's questions, in order. */
export class QuestionsDto {
  @ApiProperty({ type: [QuestionDto] })
  @IsArray()
  @ArrayMaxSize(MAX_QUESTIONS)
  @ValidateNested({ each: true })
  @Type(() => QuestionDto)
  questions: QuestionDto[];
}
