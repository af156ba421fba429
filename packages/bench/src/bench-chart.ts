import type { BenchReport } from './bench-report.js';
import { signedMicroseconds } from './signed-microseconds.js';

const WIDTH = 760;
const LABEL_WIDTH = 250;
const VALUE_WIDTH = 230;
const BAR_HEIGHT = 22;
const ROW_HEIGHT = 30;
const TOP = 56;

/**
 * The report's throughput as a bar chart (SVG), one bar per case, each labelled with its req/s, its
 * ratio to the Nest baseline and the time it adds to each answer. Written by hand rather than with
 * a charting library: a dozen rectangles and labels, and the output must be a plain file that
 * GitHub shows in the README and that diffs readably when the bench is run again.
 */
export function renderChart(report: BenchReport): string {
  const cases = report.cases;
  const largest = Math.max(...cases.map((summary) => summary.requestsPerSecond), 1);
  const barSpace = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 20;
  const rows = cases.map((summary, index) => {
    const y = TOP + index * ROW_HEIGHT;
    const width = Math.max(1, Math.round((summary.requestsPerSecond / largest) * barSpace));
    const added = summary.id === 'baseline' ? '' : ` · ${signedMicroseconds(summary.addedMicroseconds)} µs`;
    const fill = summary.id === 'baseline' ? '#6b7280' : summary.id === 'health' ? '#9ca3af' : '#2563eb';
    return [
      `  <text x="${LABEL_WIDTH - 10}" y="${y + 15}" text-anchor="end">${escapeXml(summary.label)}</text>`,
      `  <rect x="${LABEL_WIDTH}" y="${y}" width="${width}" height="${BAR_HEIGHT}" fill="${fill}"/>`,
      `  <text x="${LABEL_WIDTH + width + 8}" y="${y + 15}">${Math.round(summary.requestsPerSecond).toLocaleString('en-US')} req/s · ${summary.ratioToBaseline.toFixed(2)}×${added}</text>`,
    ].join('\n');
  });
  const notes = report.unavailable.map((left) => `Not measured: ${left.label}`);
  const footerY = TOP + cases.length * ROW_HEIGHT + 18;
  const footer = [
    `${report.machine.cpu}, ${report.machine.cores} cores, Node ${report.machine.node}; ${report.settings.connections} connections, median of ${report.settings.rounds} rounds`,
    "× = ratio to the Nest baseline; µs = time each answer adds over the baseline (1 ÷ req/s, less the baseline's)",
    ...notes,
  ].map((line, index) => `  <text x="10" y="${footerY + index * 18}" class="note">${escapeXml(line)}</text>`);
  const height = footerY + footer.length * 18 + 4;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, sans-serif" font-size="13">`,
    '  <style>.note { font-size: 11px; fill: #4b5563; }</style>',
    `  <rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `  <text x="10" y="28" font-size="16" font-weight="600">npm run bench: requests per second on one resource service (${escapeXml(report.date.slice(0, 10))})</text>`,
    ...rows,
    ...footer,
    '</svg>',
    '',
  ].join('\n');
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
