import type { BenchEnvironment } from './bench-environment.js';

export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  /** The issue's target, printed next to the figure, e.g. "≥ 3000". */
  target?: string;
}

/** One family of figures measured on the shared environment; a benchmark is a list of sections run in order. */
export interface BenchSection {
  title: string;
  run(env: BenchEnvironment): Promise<BenchFigure[]>;
}

export function printFigures(figures: BenchFigure[]): void {
  const width = Math.max(...figures.map((f) => f.name.length));
  for (const f of figures) {
    const value = f.value >= 100 ? Math.round(f.value).toLocaleString('en-US') : f.value.toFixed(2);
    console.log(`  ${f.name.padEnd(width)}  ${value.padStart(9)} ${f.unit}${f.target ? `   (target ${f.target})` : ''}`);
  }
}
