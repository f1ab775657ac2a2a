/** Writes docs/generators.md from the generator specs (npm run gen:generators). */
import { writeFileSync } from "node:fs";
import { generatorReference } from "../src/sim/declared/reference.ts";

writeFileSync(new URL("../docs/generators.md", import.meta.url), generatorReference());
console.log("wrote docs/generators.md");
