/** The client side of SCRAM-SHA-256/512 (RFC 5802, RFC 7677): first message, proof, and the server's signature checked. */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from "node:crypto";
import { saslFailure as failure } from "./errors.ts";

export interface ScramClient {
  first(): Buffer;
  final(serverFirst: Buffer): Buffer;
  check(serverFinal: Buffer): void;
}

/** `nonce` is for tests (RFC 7677's example); runs draw a random one. */
export function scramClient(
  mechanism: "scram-sha-256" | "scram-sha-512",
  username: string,
  password: string,
  nonce = randomBytes(24).toString("base64"),
): ScramClient {
  const hash = mechanism === "scram-sha-256" ? "sha256" : "sha512";
  const keyBytes = hash === "sha256" ? 32 : 64;
  const hmac = (key: Buffer, text: string): Buffer => createHmac(hash, key).update(text, "utf8").digest();
  const firstBare = `n=${saslName(username)},r=${nonce}`;
  let expectedServerSignature: Buffer | undefined;
  return {
    first: () => Buffer.from(`n,,${firstBare}`, "utf8"),
    final(serverFirstBytes) {
      const serverFirst = serverFirstBytes.toString("utf8");
      const fields = attributes(serverFirst);
      const serverNonce = fields.get("r") ?? "";
      const salt = Buffer.from(fields.get("s") ?? "", "base64");
      const iterations = Number(fields.get("i"));
      if (!serverNonce.startsWith(nonce) || salt.length === 0 || !Number.isInteger(iterations) || iterations < 1)
        throw failure(`SASL ${mechanism.toUpperCase()}: the broker's first answer is not valid SCRAM`);
      const salted = pbkdf2Sync(password.normalize("NFKC"), salt, iterations, keyBytes, hash);
      const clientKey = hmac(salted, "Client Key");
      const storedKey = createHash(hash).update(clientKey).digest();
      const finalBare = `c=biws,r=${serverNonce}`;
      const authMessage = `${firstBare},${serverFirst},${finalBare}`;
      const signature = hmac(storedKey, authMessage);
      const proof = Buffer.alloc(clientKey.length);
      for (let i = 0; i < proof.length; i++) proof[i] = clientKey[i]! ^ signature[i]!;
      expectedServerSignature = hmac(hmac(salted, "Server Key"), authMessage);
      return Buffer.from(`${finalBare},p=${proof.toString("base64")}`, "utf8");
    },
    check(serverFinalBytes) {
      const fields = attributes(serverFinalBytes.toString("utf8"));
      const error = fields.get("e");
      if (error) throw failure(`SASL ${mechanism.toUpperCase()} authentication failed: ${error}`);
      const v = Buffer.from(fields.get("v") ?? "", "base64");
      if (!expectedServerSignature || !v.equals(expectedServerSignature))
        throw failure(
          `SASL ${mechanism.toUpperCase()}: the broker's signature does not match (not the server it claims)`,
        );
    },
  };
}

/** RFC 5802 saslname: "=" and "," escaped. */
function saslName(name: string): string {
  return name.replace(/=/g, "=3D").replace(/,/g, "=2C");
}

function attributes(message: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of message.split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) out.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return out;
}
