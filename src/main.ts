#!/usr/bin/env node
/** surge's entry point: the same file runs under Bun (and as the compiled binary), Node and Deno. */
import { relaunchWithAllocatorSettings } from "./memory/allocator.ts";

// First, before the rest is loaded: under Bun this may start the process again (memory/allocator.ts).
relaunchWithAllocatorSettings();
const { main } = await import("./cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
