import { Column, Entity, PrimaryColumn, type ValueTransformer } from 'typeorm';

function pad(value: number, length = 2): string {
  return String(value).padStart(length, '0');
}

/**
 * node-postgres reads a `date` as a Date at local midnight of that day, so the local getters give
 * the day back whatever the process's time zone.
 */
const isoDates: ValueTransformer = {
  to: (dates: readonly string[] | undefined) => dates,
  from: (dates: readonly (Date | string)[] | null) =>
    dates?.map((date) =>
      typeof date === 'string' ? date : `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`,
    ),
};

/** `working_calendar_years`: one year of the official holiday calendar, loaded by an admin (domain.md §4). */
@Entity({ name: 'working_calendar_years' })
export class WorkingCalendarYearEntity {
  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @Column({ type: 'date', array: true, transformer: isoDates })
  holidays!: string[];

  @Column({ name: 'make_up_workdays', type: 'date', array: true, transformer: isoDates })
  makeUpWorkdays!: string[];

  @Column({ type: 'text', nullable: true })
  source!: string | null;

  @Column({ name: 'loaded_at', type: 'timestamptz' })
  loadedAt!: Date;

  @Column({ name: 'loaded_by', type: 'text' })
  loadedBy!: string;
}
