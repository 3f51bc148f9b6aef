import { createMeasure } from '../../../src/assembly/fonts';
import { wrapSpans } from '../../../src/assembly/text-wrap';

const measure = createMeasure();

describe('wrapSpans', () => {
  it('breaks at spaces so that no line is wider than the measure, and keeps every word in order', () => {
    const text = 'Hägersten-Älvsjö stadsdelsnämnd godkänner förvaltningens tjänsteutlåtande och överlämnar det till kommunstyrelsen som svar på remissen.';
    const lines = wrapSpans([{ text, style: 'regular' }], 200, 10.5, measure);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) {
      expect(line.width).toBeLessThanOrEqual(200);
      expect(line.width).toBeCloseTo(measure(line.runs.map((run) => run.text).join(' '), 'regular', 10.5), 6);
    }
    expect(lines.map((line) => line.runs.map((run) => run.text).join(' ')).join(' ')).toBe(text);
  });

  it('honours forced line breaks and keeps an empty line for an empty one', () => {
    const lines = wrapSpans([{ text: 'De förändrade områdena är:\n- Unga i riskzon\n\n- Otrygga platser', style: 'regular' }], 400, 10, measure);
    expect(lines.map((line) => line.runs.map((run) => run.text).join(' '))).toEqual(['De förändrade områdena är:', '- Unga i riskzon', '', '- Otrygga platser']);
  });

  it('splits a word wider than the line between characters', () => {
    const url = `https://example.org/${'lång-sökväg/'.repeat(10)}`;
    const lines = wrapSpans([{ text: url, style: 'regular' }], 120, 9, measure);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.every((line) => line.width <= 120)).toBe(true);
    expect(lines.map((line) => line.runs[0].text).join('')).toBe(url);
  });

  it('places styled spans on one line, each run at its measured offset', () => {
    const [line] = wrapSpans([{ text: 'HÄ 2023/418-1', style: 'bold' }, { text: 'Remissbrev', style: 'regular' }], 400, 10, measure);
    expect(line.runs).toEqual([
      { text: 'HÄ 2023/418-1', style: 'bold', x: 0 },
      { text: 'Remissbrev', style: 'regular', x: measure('HÄ 2023/418-1', 'bold', 10) + measure(' ', 'bold', 10) },
    ]);
  });
});
