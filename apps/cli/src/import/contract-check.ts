import { validateSync } from 'class-validator';
import { fieldProblems, type DatapointV1, type FieldProblem } from '@rangefinder/contracts';

/** The same class-validator rules ingest applies, checked before a datapoint leaves the machine. */
export function contractProblems(datapoint: DatapointV1): FieldProblem[] {
  return fieldProblems(validateSync(datapoint, { forbidUnknownValues: true }));
}
