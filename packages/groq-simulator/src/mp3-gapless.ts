/**
 * Samples an MP3's LAME/Info tag marks as encoder delay plus end padding: what a gapless decoder
 * such as ffmpeg (and so Groq's servers) drops from the whole frames `music-metadata` counts.
 * Undefined when the first frame carries no Xing/Info tag with a frame count and a LAME extension.
 * Layout: http://gabriel.mp3-tech.org/mp3infotag.html.
 */
export function mp3PaddingSamples(bytes: Uint8Array): number | undefined {
  const frame = firstFrameOffset(bytes);
  // The tag sits after the 4-byte header and the side information (9 to 32 bytes, +2 with CRC).
  const window = Buffer.from(bytes.buffer, bytes.byteOffset + frame, Math.min(bytes.byteLength - frame, 64));
  const xing = Math.max(window.indexOf('Xing'), window.indexOf('Info'));
  if (xing < 0) return undefined;
  const view = Buffer.from(bytes.buffer, bytes.byteOffset + frame + xing);
  if (view.length < 8) return undefined;
  const flags = view.readUInt32BE(4);
  if ((flags & 0x1) === 0) return undefined;
  // Optional Xing fields present before the LAME extension: frames, bytes, TOC, quality.
  const lame =
    8 + (flags & 0x1 ? 4 : 0) + (flags & 0x2 ? 4 : 0) + (flags & 0x4 ? 100 : 0) + (flags & 0x8 ? 4 : 0);
  // The LAME extension: a 9-byte encoder string, 12 bytes of other fields, then 3 bytes that hold
  // the 12-bit delay and the 12-bit padding.
  const at = lame + 21;
  if (view.length < at + 3 || !/^[A-Za-z]{4}$/.test(view.toString('latin1', lame, lame + 4)))
    return undefined;
  const packed = view.readUIntBE(at, 3);
  return (packed >> 12) + (packed & 0xfff);
}

/** Where the first MPEG frame starts: after an ID3v2 tag (syncsafe size, optional footer) if any. */
function firstFrameOffset(bytes: Uint8Array): number {
  if (bytes.byteLength < 10 || bytes[0] !== 0x49 || bytes[1] !== 0x44 || bytes[2] !== 0x33) return 0;
  const size = ((bytes[6] ?? 0) << 21) | ((bytes[7] ?? 0) << 14) | ((bytes[8] ?? 0) << 7) | (bytes[9] ?? 0);
  return 10 + size + ((bytes[5] ?? 0) & 0x10 ? 10 : 0);
}
