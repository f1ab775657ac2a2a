/**
 * Builds dist/surge: one executable with every dependency bundled (Bun's --compile), runnable with
 * no Node and no node_modules. Run with `bun build.ts` (npm run build).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { renderBuiltins } from "./scripts/gen-builtins.ts";

interface PluginBuild {
  onResolve(options: { filter: RegExp }, callback: () => { path: string; namespace: string }): void;
  onLoad(options: { filter: RegExp; namespace: string }, callback: () => { contents: string; loader: string }): void;
}

declare const Bun: {
  build(options: Record<string, unknown>): Promise<{ success: boolean; logs: unknown[] }>;
};

writeFileSync(new URL("./src/config/builtins.generated.ts", import.meta.url), renderBuiltins());
mkdirSync("dist", { recursive: true });

/** Ink imports react-devtools-core behind process.env.DEV; the binary never needs it. */
const noDevtools = {
  name: "no-react-devtools",
  setup(build: PluginBuild) {
    build.onResolve({ filter: /^react-devtools-core$/ }, () => ({
      path: "react-devtools-core",
      namespace: "surge-stub",
    }));
    build.onLoad({ filter: /.*/, namespace: "surge-stub" }, () => ({
      contents: "export default { connectToDevTools() {} };",
      loader: "js",
    }));
  },
};

const result = await Bun.build({
  // The worker entry is bundled beside main.ts: --workers starts it by URL (src/cli/start-workers.ts).
  entrypoints: ["./src/main.ts", "./src/cli/worker-entry.ts"],
  compile: { outfile: "dist/surge" },
  minify: true,
  sourcemap: "none",
  define: { "process.env.DEV": '"false"', "process.env.NODE_ENV": '"production"' },
  plugins: [noDevtools],
});

if (!result.success) {
  for (const log of result.logs) console.error(log);
  process.exit(1);
}
console.log("built dist/surge");
