// Empties internal/webui/dist before a build, keeping the committed .gitkeep (go:embed needs the
// directory to hold a file even before the first build).
import { readdirSync, rmSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const dist = join(dirname(fileURLToPath(import.meta.url)), "../../internal/webui/dist");
for (const name of readdirSync(dist)) {
  if (name !== ".gitkeep") rmSync(join(dist, name), { recursive: true, force: true });
}
