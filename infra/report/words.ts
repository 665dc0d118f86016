/** What the report says in words a Bupati reads: the reporting period, schedules, dates. */

export interface Bilingual {
  id: string;
  en: string;
}

export interface Period {
  /** As given: `2026-S2`, `2026-Q3`, `2026-11` or `2026`. */
  id: string;
  start: string;
  end: string;
  label: Bilingual;
}

const MONTHS_ID = [
  "Januari",
  "Februari",
  "Maret",
  "April",
  "Mei",
  "Juni",
  "Juli",
  "Agustus",
  "September",
  "Oktober",
  "November",
  "Desember",
];
const MONTHS_EN = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const ROMAN = ["I", "II", "III", "IV"];
const pad = (n: number) => String(n).padStart(2, "0");
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const span = (y: number, from: number, to: number) => ({
  start: `${y}-${pad(from)}-01`,
  end: `${y}-${pad(to)}-${pad(lastDay(y, to))}`,
});

export class PeriodError extends Error {}

/** A reporting period: a semester (`2026-S2`), a quarter (`2026-Q3`), a month (`2026-11`) or a year (`2026`). */
export function parsePeriod(text: string): Period {
  let m = /^(\d{4})-S([12])$/.exec(text);
  if (m) {
    const y = Number(m[1]);
    const s = Number(m[2]);
    return {
      id: text,
      ...span(y, s === 1 ? 1 : 7, s === 1 ? 6 : 12),
      label: { id: `Semester ${ROMAN[s - 1]} Tahun ${y}`, en: `${s === 1 ? "first" : "second"} half of ${y}` },
    };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(text);
  if (m) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    return {
      id: text,
      ...span(y, q * 3 - 2, q * 3),
      label: { id: `Triwulan ${ROMAN[q - 1]} Tahun ${y}`, en: `Q${q} ${y}` },
    };
  }
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    return {
      id: text,
      ...span(y, mo, mo),
      label: { id: `${MONTHS_ID[mo - 1]} ${y}`, en: `${MONTHS_EN[mo - 1]} ${y}` },
    };
  }
  m = /^(\d{4})$/.exec(text);
  if (m) return { id: text, ...span(Number(m[1]), 1, 12), label: { id: `Tahun ${m[1]}`, en: `year ${m[1]}` } };
  throw new PeriodError(
    `--period ${text}: a semester (2026-S2), a quarter (2026-Q3), a month (2026-11) or a year (2026)`,
  );
}

/** The semester a day falls in: the default period. */
export const semesterOf = (day: string): Period =>
  parsePeriod(`${day.slice(0, 4)}-S${Number(day.slice(5, 7)) <= 6 ? 1 : 2}`);

/** 2026-11-23 → "23 November 2026" / "23 November 2026". */
export function dateWords(day: string): Bilingual {
  const [y, m, d] = day.split("-").map(Number);
  return { id: `${d} ${MONTHS_ID[m - 1]} ${y}`, en: `${d} ${MONTHS_EN[m - 1]} ${y}` };
}

const ZONE: Record<string, string> = {
  "Asia/Jakarta": "WIB",
  "Asia/Pontianak": "WIB",
  "Asia/Makassar": "WITA",
  "Asia/Jayapura": "WIT",
};
const DAYS_ID = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"];
const DAYS_EN = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/**
 * A five-field cron line in words: `30 1 * * *` in Asia/Makassar → "setiap hari pukul 01.30 WITA" /
 * "every day at 01:30 WITA". The forms a backup plan uses (daily, weekly, monthly at a fixed time);
 * any other is quoted as it is.
 */
export function scheduleWords(cron: string, timeZone: string): Bilingual {
  const zone = ZONE[timeZone] ?? timeZone;
  const f = cron.trim().split(/\s+/);
  const fixed = (s: string, max: number) => /^\d+$/.test(s) && Number(s) <= max;
  if (f.length !== 5 || !fixed(f[0], 59) || !fixed(f[1], 23) || f[3] !== "*")
    return { id: `jadwal cron \`${cron}\` (${zone})`, en: `cron schedule \`${cron}\` (${zone})` };
  const at = {
    id: `pukul ${pad(Number(f[1]))}.${pad(Number(f[0]))} ${zone}`,
    en: `at ${pad(Number(f[1]))}:${pad(Number(f[0]))} ${zone}`,
  };
  const [, , dom, , dow] = f;
  if (dom === "*" && dow === "*") return { id: `setiap hari ${at.id}`, en: `every day ${at.en}` };
  const days = dow.split(",");
  if (dom === "*" && days.every((d) => /^[0-7]$/.test(d))) {
    const names = (list: string[]) => days.map((d) => list[Number(d) % 7]);
    return { id: `setiap ${names(DAYS_ID).join(", ")} ${at.id}`, en: `every ${names(DAYS_EN).join(", ")} ${at.en}` };
  }
  if (dow === "*" && fixed(dom, 31) && Number(dom) >= 1)
    return { id: `setiap tanggal ${Number(dom)} ${at.id}`, en: `on day ${Number(dom)} of every month ${at.en}` };
  return { id: `jadwal cron \`${cron}\` (${zone})`, en: `cron schedule \`${cron}\` (${zone})` };
}
