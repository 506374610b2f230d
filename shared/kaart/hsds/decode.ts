// Text files as directories export them: UTF-8 with or without a byte-order mark, UTF-16 from
// spreadsheet programs ("Unicode text"), or Windows-1252 from older ones. The CLI and the web app
// both read a file's bytes through this, so a file reads the same in either. No Node APIs: the web
// app imports it.

export interface DecodedText {
  text: string;
  /** The encoding read, when it was not plain UTF-8: worth a note to whoever imports. */
  encoding?: 'utf-16le' | 'utf-16be' | 'windows-1252';
}

/** The file's text, by its byte-order mark, else UTF-8, else (not valid UTF-8) Windows-1252. */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body) };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(body), encoding: 'windows-1252' };
  }
}

export const ENCODING_NAMES: Record<NonNullable<DecodedText['encoding']>, string> = {
  'utf-16le': 'UTF-16 (little-endian)',
  'utf-16be': 'UTF-16 (big-endian)',
  'windows-1252': 'Windows-1252 (geen geldige UTF-8)',
};
