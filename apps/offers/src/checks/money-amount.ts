import { ValidateBy, type ValidationArguments } from 'class-validator';
import { currencyDecimals, decimalPlaces } from '@rangefinder/comp-math';

const currencyOf = (args: ValidationArguments) => {
  const currency = (args.object as { currency?: unknown }).currency;
  return typeof currency === 'string' && /^[A-Z]{3}$/.test(currency) ? currency : 'USD';
};

/**
 * A finite number with no more decimals than the offer's currency has minor units (JPY 0, USD 2,
 * KWD 3): an amount a payroll can pay as written.
 */
export function MoneyAmount(): PropertyDecorator {
  return ValidateBy({
    name: 'moneyAmount',
    validator: {
      validate: (value: unknown, args) =>
        typeof value === 'number' &&
        Number.isFinite(value) &&
        decimalPlaces(value) <= currencyDecimals(currencyOf(args!)),
      defaultMessage: (args) =>
        `${args!.property} must be an amount in ${currencyOf(args!)} with at most ${currencyDecimals(currencyOf(args!))} decimals`,
    },
  });
}
