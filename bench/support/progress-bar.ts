/**
 * A progress bar on stderr: done / total, rate and time left. On a terminal it redraws one line;
 * into a file or a pipe it writes a line every tenth of the way, so logs stay readable.
 */
export class ProgressBar {
  private done = 0;
  private readonly started = Date.now();
  private lastTenth = -1;
  private readonly tty = process.stderr.isTTY === true;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly unit: string,
  ) {
    this.draw();
  }

  advance(by: number): void {
    this.done = Math.min(this.total, this.done + by);
    this.draw();
  }

  finish(): void {
    this.done = this.total;
    this.draw();
    if (this.tty) process.stderr.write('\n');
  }

  private draw(): void {
    const fraction = this.total === 0 ? 1 : this.done / this.total;
    const seconds = (Date.now() - this.started) / 1000;
    const rate = seconds > 0 ? this.done / seconds : 0;
    const left = rate > 0 ? (this.total - this.done) / rate : Number.NaN;
    const width = 30;
    const filled = Math.round(fraction * width);
    const line =
      `${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ` +
      `${count(this.done)} / ${count(this.total)} ${this.unit}  ${(fraction * 100).toFixed(0).padStart(3)}%  ` +
      `${count(rate)} ${this.unit}/s  ${this.done === this.total ? `done in ${duration(seconds)}` : `ETA ${duration(left)}`}`;
    if (this.tty) {
      process.stderr.write(`\r${line}\x1b[K`);
      return;
    }
    const tenth = Math.floor(fraction * 10);
    if (tenth !== this.lastTenth) {
      this.lastTenth = tenth;
      process.stderr.write(`${line}\n`);
    }
  }
}

const count = (value: number) => Math.round(value).toLocaleString('en-US');

export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--';
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}
