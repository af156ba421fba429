import type { MatrixRow, ObservedRow, RowName } from './matrix.js';
import { MATRIX_COLUMNS } from './matrix-columns.js';

/** One cell where the observation is not what the expected matrix says, both as printed. */
export interface CellDifference {
  row: RowName;
  column: string;
  expected: string;
  observed: string;
}

/** Every cell, row by row and column by column, where `observed` differs from `expected`. */
export function diffMatrix(expected: readonly MatrixRow[], observed: readonly ObservedRow[]): CellDifference[] {
  return expected.flatMap((expectedRow) => {
    const observedRow = observed.find((candidate) => candidate.row === expectedRow.row);
    if (!observedRow) throw new Error(`The row "${expectedRow.row}" was not observed.`);
    return MATRIX_COLUMNS.filter((column) => !column.matches(expectedRow, observedRow)).map((column) => ({
      row: expectedRow.row,
      column: column.header,
      expected: column.cell(expectedRow),
      observed: column.cell(observedRow),
    }));
  });
}

/** The differences as lines a reader can act on, one per cell. */
export function describeDifferences(differences: readonly CellDifference[]): string {
  const lines = differences.map(({ row, column, expected, observed }) => `  ${row}, ${column}: expected ${expected}, observed ${observed}`);
  return `${differences.length} cell(s) differ from the expected matrix:\n${lines.join('\n')}`;
}
