import * as fs from "fs";
import { packagePath } from "../root";

/** The realm sync script both back ends run after a realm change (components/sso/scripts/realm-sync.sh). */
export const realmSyncScript = (): string =>
  fs.readFileSync(packagePath("components", "sso", "scripts", "realm-sync.sh"), "utf8");
