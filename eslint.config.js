// Lint: typed rules that catch what tsc does not (floating promises, stray console).
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "**/*.js", "**/*.mjs", "**/*.cjs"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": "error",
    },
  },
  {
    // Scripts, tests and the report/cli layers talk to the terminal on purpose.
    files: ["scripts/**", "test/**", "build.ts", "src/report/**", "src/cli/**"],
    rules: { "no-console": "off" },
  },
  {
    // node:test's test() returns a promise the runner itself awaits.
    files: ["test/**"],
    rules: { "@typescript-eslint/no-floating-promises": "off" },
  },
);
