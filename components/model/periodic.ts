/**
 * Duties the national layer sets "at least once every two years" (Permenkominfo 4/2024 Pasal 46 ayat (3):
 * testing the continuity plan; Pasal 73 ayat (3): the IT audit), judged on calendar days. One computation
 * for the pack and the report.
 */

/** "paling sedikit 1 (satu) kali dalam 2 (dua) tahun". */
export const NATIONAL_PERIOD_YEARS = 2;

/** The day a duty done on `date` (YYYY-MM-DD) is due again, `years` later; 29 February falls due on 1 March. */
export function dueOn(date: string, years: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}

export type PeriodicStatus =
  | { state: "missing" }
  | { state: "future"; date: string }
  | { state: "overdue"; date: string; due: string }
  | { state: "current"; date: string; due: string };

/** Whether a duty last done on `date` is current on `today`: done, not in the future, and not yet due again. */
export function periodicStatus(date: string | undefined, today: string, years = NATIONAL_PERIOD_YEARS): PeriodicStatus {
  if (date === undefined) return { state: "missing" };
  if (date > today) return { state: "future", date };
  const due = dueOn(date, years);
  return due <= today ? { state: "overdue", date, due } : { state: "current", date, due };
}
