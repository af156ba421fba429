/** `+15`, `-98`, `0`, `+1,013`: whole microseconds with their sign, as the table, chart and goals print them. */
export function signedMicroseconds(value: number): string {
  const whole = Math.round(value) || 0; // never -0
  return `${whole > 0 ? '+' : ''}${whole.toLocaleString('en-US')}`;
}
