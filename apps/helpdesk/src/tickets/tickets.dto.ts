import { IsIn, IsString, Length } from 'class-validator';

export const TICKET_STATUSES = ['open', 'pending', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export class OpenTicketInput {
  @IsString()
  @Length(1, 200)
  subject!: string;

  @IsString()
  @Length(1, 10_000)
  body!: string;
}

export class UpdateTicketInput {
  @IsIn(TICKET_STATUSES)
  status!: TicketStatus;
}
