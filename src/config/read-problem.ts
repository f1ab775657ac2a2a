/** A short reason from a file-system error, without the stack or the absolute path. */
export function readProblem(error: unknown): string {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "it is a directory";
    default:
      return error instanceof Error ? (error.message.split("\n")[0] ?? "unreadable") : "unreadable";
  }
}
