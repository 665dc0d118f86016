/** Findings on a duty the national layer sets "at least once every two years", from the day it was last done. */
import { periodicStatus } from "../components/model/periodic";
import type { CheckContext, Finding } from "./model";

export interface PeriodicWords {
  /** No record: e.g. "no IT audit is recorded (itAudit)". */
  missing: string;
  /** The record dated after the check's day. */
  future: (date: string) => string;
  /** The record older than the period. */
  overdue: (date: string, due: string) => string;
}

export function periodicFindings(ctx: CheckContext, date: string | undefined, words: PeriodicWords): Finding[] {
  const s = periodicStatus(date, ctx.today);
  const urn = ctx.rootUrn;
  switch (s.state) {
    case "missing":
      return [{ urn, message: words.missing }];
    case "future":
      return [{ urn, message: words.future(s.date) }];
    case "overdue":
      return [{ urn, message: words.overdue(s.date, s.due) }];
    case "current":
      return [];
  }
}
