/**
 * Line breaking by measured width: greedy, at spaces, `\n` a forced break; a word wider than the line
 * is split between characters. Styled spans (bold / regular) may share a line. Pure: the caller
 * supplies the measure, so the same code runs in unit tests without a PDF.
 */
import type { FontStyle, MeasureText } from './fonts';

export interface Span {
  text: string;
  style: FontStyle;
}

/** A piece of one line in one style, `x` from the line's start. */
export interface Run {
  text: string;
  style: FontStyle;
  x: number;
}

export interface WrappedLine {
  runs: Run[];
  width: number;
  /** The line ends inside a word split between characters (splitWord): no space before the next line. */
  splitsWord?: true;
}

interface Word {
  text: string;
  style: FontStyle;
  width: number;
  /** A piece of a split word that the next piece continues. */
  continued?: true;
}

export function wrapSpans(spans: readonly Span[], maxWidth: number, size: number, measure: MeasureText): WrappedLine[] {
  const lines: WrappedLine[] = [];
  let hardLine: Word[] = [];
  const flushHardLine = (): void => {
    for (const words of breakWords(hardLine, maxWidth, size, measure)) {
      const line = toLine(words, size, measure);
      if (words[words.length - 1]?.continued) line.splitsWord = true;
      lines.push(line);
    }
    hardLine = [];
  };
  spans.forEach((span) => {
    span.text.split('\n').forEach((segment, index) => {
      if (index > 0) flushHardLine();
      for (const text of segment.split(/[ \t]+/)) {
        if (text !== '') hardLine.push({ text, style: span.style, width: measure(text, span.style, size) });
      }
    });
  });
  flushHardLine();
  return lines;
}

/** Greedy breaking of one forced line into lines of at most `maxWidth`. An empty input gives one empty line. */
function breakWords(words: Word[], maxWidth: number, size: number, measure: MeasureText): Word[][] {
  const lines: Word[][] = [];
  let current: Word[] = [];
  let width = 0;
  for (const word of words) {
    for (const piece of word.width > maxWidth ? splitWord(word, maxWidth, size, measure) : [word]) {
      const space = current.length === 0 ? 0 : measure(' ', current[current.length - 1].style, size);
      if (current.length > 0 && width + space + piece.width > maxWidth) {
        lines.push(current);
        current = [];
        width = 0;
      }
      width += (current.length === 0 ? 0 : space) + piece.width;
      current.push(piece);
    }
  }
  lines.push(current);
  return lines;
}

/**
 * The lines with the spaces between words kept as text: a run followed by another run on its line, and
 * the last run of a line followed by another line (or, with `continues`, by more text of the same
 * element), end with a space. Drawn, a trailing space shows nothing and moves nothing (every run is
 * placed on its own); extracted in structure order, by a screen reader or a copy, it keeps the words
 * of two lines apart ("och överlämnar", not "ochöverlämnar").
 */
export function keepSpaces(lines: readonly WrappedLine[], continues = false): WrappedLine[] {
  return lines.map((line, index) => {
    const last = index === lines.length - 1;
    const runs = line.runs.map((run, i): Run => {
      const endsLine = i === line.runs.length - 1;
      const spaced = !endsLine || ((!last || continues) && !line.splitsWord);
      return spaced && !run.text.endsWith(' ') ? { ...run, text: `${run.text} ` } : run;
    });
    return { ...line, runs };
  });
}

/** Splits an over-long word (a URL, a long compound) between characters into pieces that fit. */
function splitWord(word: Word, maxWidth: number, size: number, measure: MeasureText): Word[] {
  const pieces: Word[] = [];
  let text = '';
  let width = 0;
  for (const char of word.text) {
    const charWidth = measure(char, word.style, size);
    if (text !== '' && width + charWidth > maxWidth) {
      pieces.push({ text, style: word.style, width, continued: true });
      text = '';
      width = 0;
    }
    text += char;
    width += charWidth;
  }
  pieces.push({ text, style: word.style, width });
  return pieces;
}

/** Joins a line's words into runs of one style each, placed one space apart. */
function toLine(words: Word[], size: number, measure: MeasureText): WrappedLine {
  const runs: Run[] = [];
  let x = 0;
  words.forEach((word, index) => {
    const last = runs[runs.length - 1];
    const space = index === 0 ? 0 : measure(' ', words[index - 1].style, size);
    if (last && last.style === word.style) {
      last.text += ` ${word.text}`;
    } else {
      runs.push({ text: word.text, style: word.style, x: x + space });
    }
    x += space + word.width;
  });
  return { runs, width: x };
}
