/**
 * Random access to the first bytes of an upload: `read(offset, length)` may return fewer bytes
 * at the end of the file.
 */
export type ReadBytes = (offset: number, length: number) => Promise<Uint8Array>;

/** Bytes from the frame header to the end of a LAME tag: header, CRC, side info, Xing, LAME. */
const FIRST_FRAME_BYTES = 4 + 2 + 32 + 120 + 36;
/** Xing flags: which optional fields precede the LAME extension. */
const XING_FIELDS: readonly (readonly [flag: number, bytes: number])[] = [
  [0x1, 4], // frame count
  [0x2, 4], // byte count
  [0x4, 100], // seek table
  [0x8, 4], // quality
];
/** From the LAME extension's start to its delay/padding field: encoder (9) and 12 more bytes. */
const DELAY_FIELD_OFFSET = 21;

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

/**
 * The encoder delay plus end padding, in samples, that an MP3's LAME tag (written by LAME and by
 * ffmpeg) says the frames hold beyond the audio. `music-metadata` counts whole frames (`frames ×
 * samples per frame`), which is up to two frames longer than the audio; decoders with gapless
 * playback (ffmpeg among them) drop these samples. `undefined` when the file has no Xing/Info
 * frame with a frame count and a LAME extension.
 *
 * See the LAME tag specification, http://gabriel.mp3-tech.org/mp3infotag.html.
 */
export async function lameGaplessSamples(read: ReadBytes): Promise<number | undefined> {
  const id3 = await read(0, 10);
  let frameStart = 0;
  if (id3.byteLength === 10 && ascii(id3, 0, 3) === 'ID3') {
    // ID3v2 size: four 7-bit bytes; a footer (flag 0x10) adds 10 more.
    const size = (id3[6]! << 21) | (id3[7]! << 14) | (id3[8]! << 7) | id3[9]!;
    frameStart = 10 + size + (id3[5]! & 0x10 ? 10 : 0);
  }
  const frame = await read(frameStart, FIRST_FRAME_BYTES);
  if (frame[0] !== 0xff || ((frame[1] ?? 0) & 0xe0) !== 0xe0) return undefined;
  // The Xing/Info tag follows the side information, whose length depends on version and channels.
  let tag = -1;
  for (let offset = 4; offset <= 42 && tag < 0; offset++) {
    const id = ascii(frame, offset, 4);
    if (id === 'Xing' || id === 'Info') tag = offset;
  }
  if (tag < 0 || tag + 8 > frame.byteLength) return undefined;
  const flags = new DataView(frame.buffer, frame.byteOffset + tag + 4, 4).getUint32(0);
  if ((flags & 0x1) === 0) return undefined;
  let lame = tag + 8;
  for (const [flag, bytes] of XING_FIELDS) if (flags & flag) lame += bytes;
  const field = lame + DELAY_FIELD_OFFSET;
  if (field + 3 > frame.byteLength || !/^[A-Za-z]{4}/.test(ascii(frame, lame, 4))) return undefined;
  // Two 12-bit numbers: encoder delay, then padding.
  const delay = (frame[field]! << 4) | (frame[field + 1]! >> 4);
  const padding = ((frame[field + 1]! & 0x0f) << 8) | frame[field + 2]!;
  return delay + padding;
}
