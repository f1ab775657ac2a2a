/** A self-signed EC certificate for 127.0.0.1, made by openssl, for tests that serve HTTPS. */
import { execFileSync } from "node:child_process";

/** Writes the key and certificate PEM files at the paths given. */
export function selfSignedCert(keyPath: string, certPath: string): void {
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
      .concat(["-keyout", keyPath, "-out", certPath, "-days", "1", "-subj", "/CN=127.0.0.1"])
      .concat(["-addext", "subjectAltName=IP:127.0.0.1"]),
    { stdio: "ignore" },
  );
}
