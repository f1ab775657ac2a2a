import assert from "node:assert/strict";
import { test } from "node:test";
import { topicTableLines } from "../../../src/ui/frame/topic-table.ts";
import { PLAIN_THEME } from "../../../src/ui/theme.ts";
import { topic } from "../ui/fixtures.ts";

test("the dashboard's topic row shows a format other than JSON beside the name", () => {
  const lines = topicTableLines(
    [topic("device-data", "data", 100, { format: "avro" }), topic("alerts", "alerts", 3)],
    0,
    100,
    PLAIN_THEME,
  );
  const text = lines.map((l) => JSON.stringify(l)).join("\n");
  assert.match(text, /device-data \[avro\]/);
  assert.doesNotMatch(text, /alerts \[/);
});
