import { ValidateBy, type ValidationArguments } from 'class-validator';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `YYYY-MM-DD` naming a day that exists: the pattern alone lets 2024-02-30 through, and year 0000
 * (which PostgreSQL's date refuses: a stored message holding it failed its whole chunk).
 */
function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string' || !ISO_DATE.test(value) || value < '0001-01-01') return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export function IsCalendarDate(): PropertyDecorator {
  return ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: isCalendarDate,
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property ?? 'date'} must be a calendar date (YYYY-MM-DD)`,
    },
  });
}
