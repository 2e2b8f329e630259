import { cpus, totalmem } from "node:os";

/** One reported figure: a value, what it is compared with, and the goal an issue names. */
export interface Figure {
  /** Benchmark section, e.g. `1. Parse + rank`. */
  section: string;
  name: string;
  /** The measured value, formatted with its unit. */
  value: string;
  /** What it is compared with, formatted (measured in the same run). */
  baseline?: string;
  /** value ÷ baseline (or the ratio the goal is stated in), formatted, e.g. `1.32×`. */
  ratio?: string;
  /** The goal, as the issue states it. */
  goal?: string;
  /** Whether the goal was met; undefined when there is no goal or it could not be measured. */
  met?: boolean;
  note?: string;
}

/** What every benchmark gets: the mode, and where its figures go. */
export interface BenchContext {
  /** BENCH_QUICK=1: short durations for a smoke run. */
  quick: boolean;
  /** Records a figure and prints it at once. */
  record(figure: Figure): void;
  /** Progress lines (not figures). */
  log(line: string): void;
  figures: Figure[];
}

/** `BENCH_QUICK=1` in the environment (read only by bench/). */
export const isQuick = (): boolean => process.env.BENCH_QUICK === "1";

export function formatFigure(figure: Figure): string {
  const parts = [`${figure.name}: ${figure.value}`];
  if (figure.baseline) parts.push(`baseline ${figure.baseline}`);
  if (figure.ratio) parts.push(`ratio ${figure.ratio}`);
  if (figure.goal)
    parts.push(`goal ${figure.goal} → ${figure.met === undefined ? "n/a" : figure.met ? "met" : "MISSED"}`);
  if (figure.note) parts.push(`(${figure.note})`);
  return `  ${parts.join(" | ")}`;
}

export interface ContextOptions {
  quick?: boolean;
  /** Print figures and progress (default true). */
  print?: boolean;
}

export function createContext(options: ContextOptions = {}): BenchContext {
  const print = options.print ?? true;
  const figures: Figure[] = [];
  return {
    quick: options.quick ?? isQuick(),
    figures,
    record(figure) {
      figures.push(figure);
      if (print) console.log(formatFigure(figure));
    },
    log(line) {
      if (print) console.log(line);
    },
  };
}

/** The machine, for the report. */
export function machine(): { cores: number; cpu: string; memoryGiB: number; node: string; platform: string } {
  const list = cpus();
  return {
    cores: list.length,
    cpu: list[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}
