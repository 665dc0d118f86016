import { bupatiExemption } from "../../policies/rules/exemptions";
import { findingsOf, fixture, root } from "./fixture";

const EXEMPTION = {
  id: "simrs-rsud",
  decree: { number: "188.45/12/2026", date: "2026-01-15" },
  scope: { opd: "opd-1" },
  approver: "Bupati Contoh",
  expires: "2027-01-14",
  category: "waiver",
};
const withExemption = (change: (e: typeof EXEMPTION) => void) => (v: any[]) => {
  const e = structuredClone(EXEMPTION);
  change(e);
  root(v).props.exemptions = [e];
};
const what = 'exemption "simrs-rsud" (188.45/12/2026 (2026-01-15)) for opd-1';

describe("bupati-exemption", () => {
  it("passes the fixture (no exemption) and a valid exemption where the regulation allows one", async () => {
    const fx = await fixture();
    expect(findingsOf(bupatiExemption, fx)).toEqual([]);
    expect(
      findingsOf(
        bupatiExemption,
        fx,
        withExemption(() => {}),
        { mandate: ["bupati-exemption"] },
      ),
    ).toEqual([]);
  });

  it.each([
    ["expired", (e: typeof EXEMPTION) => (e.expires = "2026-11-30"), `${what} expired on 2026-11-30`],
    [
      "not yet in force",
      (e: typeof EXEMPTION) => (e.decree.date = "2026-12-02"),
      'exemption "simrs-rsud" (188.45/12/2026 (2026-12-02)) for opd-1 is dated after 2026-12-01: it is not yet in force',
    ],
    [
      "approved by someone else",
      (e: typeof EXEMPTION) => (e.approver = "Sekretaris Daerah"),
      `${what} was approved by "Sekretaris Daerah", not by the Bupati (Bupati Contoh)`,
    ],
  ])("fails an exemption %s", async (_, change, message) => {
    const found = findingsOf(bupatiExemption, await fixture(), withExemption(change), {
      mandate: ["bupati-exemption"],
    });
    expect(found).toEqual([message]);
  });

  it("fails any exemption where the regulation allows none", async () => {
    const found = findingsOf(
      bupatiExemption,
      await fixture(),
      withExemption(() => {}),
    );
    expect(found).toEqual([`${what}: Peraturan Bupati Contoh Nomor 1 Tahun 2026 allows no exception by the Bupati`]);
  });
});
