#!/usr/bin/env node
/** surge's entry point: the same file runs under Bun (and as the compiled binary), Node and Deno. */
import { main } from "./cli/main.ts";

process.exitCode = await main(process.argv.slice(2));
