// Types for the two pure-JS compression packages (neither ships its own).

declare module "snappyjs" {
  /** Raw snappy (no framing). Returns the same kind it was given: Buffer in, Buffer out. */
  const snappyjs: {
    compress(input: Uint8Array): Uint8Array;
    uncompress(input: Uint8Array, maxLength?: number): Uint8Array;
  };
  export default snappyjs;
}

declare module "lz4js" {
  const lz4js: {
    /** Decodes one LZ4 block from src[sIndex, sIndex + sLength) into dst at dIndex; returns the new dIndex. */
    decompressBlock(src: Uint8Array, dst: Uint8Array, sIndex: number, sLength: number, dIndex: number): number;
    compress(src: Uint8Array, maxSize?: number): Uint8Array;
    decompress(src: Uint8Array, maxSize?: number): Uint8Array;
  };
  export default lz4js;
}

declare module "lz4js/xxh32.js" {
  const xxh32: {
    /** xxHash32 of src[index, index + len). */
    hash(seed: number, src: Uint8Array, index: number, len: number): number;
  };
  export default xxh32;
}
