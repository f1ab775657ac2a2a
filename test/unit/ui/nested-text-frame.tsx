/**
 * The reference drawing: a frame as stock Ink draws it from its own <Text>s, one per line with a
 * nested Text per styled segment (the dashboard's own FrameView until Stop 16). FrameView must
 * put the same characters on the screen (frame-view.test.tsx).
 */
import { Box, Text } from "ink";
import { memo } from "react";
import type { ReactElement } from "react";
import type { Frame } from "../../../src/ui/frame/dashboard.ts";
import type { Line } from "../../../src/ui/frame/line.ts";
import { sameLine } from "../../../src/ui/frame/line.ts";

export function NestedTextFrame({ frame }: { frame: Frame }): ReactElement {
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
