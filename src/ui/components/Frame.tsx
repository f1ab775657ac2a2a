/**
 * Draws a built frame: one Ink <Text> per line, nested Texts only where the style changes.
 * Lines are memoised on their content, so React reconciles only the lines that changed.
 */
import { Box, Text } from "ink";
import { memo } from "react";
import type { ReactElement } from "react";
import type { Frame } from "../frame/dashboard.ts";
import type { Line } from "../frame/line.ts";
import { sameLine } from "../frame/line.ts";

export function FrameView({ frame }: { frame: Frame }): ReactElement {
  return (
    <Box flexDirection="column" width={frame.width}>
      {frame.lines.map((l, i) => (
        <FrameLine key={i} line={l} />
      ))}
    </Box>
  );
}

const FrameLine = memo(
  function FrameLine({ line }: { line: Line }): ReactElement {
    return (
      <Text wrap="truncate">
        {line.map((s, i) =>
          s.style ? (
            <Text key={i} color={s.style.color} dimColor={s.style.dim === true} bold={s.style.bold === true}>
              {s.text}
            </Text>
          ) : (
            s.text
          ),
        )}
      </Text>
    );
  },
  (a, b) => sameLine(a.line, b.line),
);
