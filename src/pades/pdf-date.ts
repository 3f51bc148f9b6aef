/** PDF date strings (ISO 32000-1, 7.9.4), always written in UTC so the same instant gives the same bytes. */

export function pdfDate(time: Date): string {
  const iso = time.toISOString(); // 2023-10-03T07:32:00.000Z
  return `D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}
