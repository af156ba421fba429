import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';

export const TICKET_STATUSES = ['open', 'pending', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export class OpenTicketInput {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Cannot log in' })
  @IsString()
  @Length(1, 200)
  subject!: string;

  @ApiProperty({ minLength: 1, maxLength: 10_000, example: 'The login page answers 401.' })
  @IsString()
  @Length(1, 10_000)
  body!: string;
}

export class UpdateTicketInput {
  @ApiProperty({ enum: TICKET_STATUSES })
  @IsIn(TICKET_STATUSES)
  status!: TicketStatus;
}
