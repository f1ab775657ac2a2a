/** crc32c.wat → WebAssembly bytes with wabt (a dev dependency: the build and the runtime never need it). */
import wabtInit from "wabt";

export async function crc32cWasmFromSource(wat: string): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const module = wabt.parseWat("crc32c.wat", wat);
  try {
    module.validate();
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}
