/**
 * A progress line on a terminal ("12,345 items, 3,456 items/s"), redrawn at most a few times a second; silent
 * when the stream is not a terminal, so that logs and CI output stay clean.
 */
export class ProgressLine {
  readonly #stream: NodeJS.WriteStream;
  readonly #enabled: boolean;
  readonly #started = process.hrtime.bigint();
  #lastDraw = 0;
  #drawn = false;

  constructor(stream: NodeJS.WriteStream = process.stderr) {
    this.#stream = stream;
    this.#enabled = stream.isTTY === true;
  }

  update(text: (perSecond: (n: number) => string) => string, force = false): void {
    if (!this.#enabled) return;
    const now = Date.now();
    if (!force && now - this.#lastDraw < 250) return;
    this.#lastDraw = now;
    const seconds = Number(process.hrtime.bigint() - this.#started) / 1e9;
    const perSecond = (n: number) => (seconds > 0 ? Math.round(n / seconds) : 0).toLocaleString('en-US');
    this.#stream.write(`\r\x1b[2K${text(perSecond)}`);
    this.#drawn = true;
  }

  done(): void {
    if (this.#enabled && this.#drawn) this.#stream.write('\r\x1b[2K');
  }
}
