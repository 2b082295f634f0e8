/**
 * Text decoding for import (issue 5). shared/ has no DOM or Node types, but every runtime the app
 * uses (Chromium, its workers, Node ≥ 20) has the WHATWG `TextDecoder` with `fatal` and the
 * `gb18030` label; this file is the one place that reaches for it, through a structural type.
 *
 * CSV files arrive as UTF-8 (with or without BOM: our export, LibreOffice, WPS) or GB18030/GBK
 * (what zh-CN Excel writes for "CSV (逗号分隔)"). The decision is strict: valid UTF-8 is UTF-8;
 * otherwise valid GB18030 is GB18030 unless it also carries UTF-8 multi-byte sequences (a file
 * pasted together from both encodings), which is refused rather than guessed — a wrong guess
 * would silently turn every Chinese character into 乱码.
 */
import { fail, type DomainResult } from '../domain/localizedText';

/** What a WHATWG TextDecoder offers and import uses. */
interface TextDecoderLike {
  decode(bytes: Uint8Array): string;
}
type TextDecoderConstructor = new (label: string, options: { fatal: boolean; ignoreBOM?: boolean }) => TextDecoderLike;

function decoderFor(label: 'utf-8' | 'gb18030'): TextDecoderLike {
  const Decoder = (globalThis as { TextDecoder?: TextDecoderConstructor }).TextDecoder;
  if (!Decoder) throw new Error('[textDecoding] this runtime has no TextDecoder');
  // ignoreBOM: keep a UTF-8 BOM in the text so the CSV parser (which drops it) sees the same input as before.
  return new Decoder(label, { fatal: true, ignoreBOM: true });
}

/** The encodings import recognises. */
export type TextEncodingName = 'utf-8' | 'gb18030';

/** Why bytes could not be decoded. */
export type TextDecodingError = 'mixed-encoding' | 'unknown-encoding';

/** Decoded text and the encoding it was read as. */
export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncodingName;
  readonly hasBom: boolean;
}

/** Does this line (bytes) hold a UTF-8 CJK character, i.e. a 3-byte sequence with an E4–E9 lead? */
function hasUtf8Cjk(bytes: Uint8Array): boolean {
  const end = bytes.length - 2;
  for (let i = 0; i < end; i += 1) {
    const b0 = bytes[i] as number;
    if (b0 >= 0xe4 && b0 <= 0xe9 && (bytes[i + 1] as number) >= 0x80 && (bytes[i + 1] as number) <= 0xbf && (bytes[i + 2] as number) >= 0x80 && (bytes[i + 2] as number) <= 0xbf) return true;
  }
  return false;
}

/**
 * Is some line of these (not wholly UTF-8) bytes valid UTF-8 with Chinese in it? Then the file is
 * part UTF-8, part something else. A line of real GBK text is practically never valid UTF-8 as a
 * whole (each of its two-byte characters would have to line up as UTF-8 sequences), so this tells
 * a mixed file from a GBK one without guessing at single characters.
 */
function hasUtf8ChineseLine(bytes: Uint8Array): boolean {
  const utf8 = decoderFor('utf-8');
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    const line = bytes.subarray(start, end);
    if (hasUtf8Cjk(line)) {
      try {
        utf8.decode(line);
        return true;
      } catch {
        // this line is not UTF-8: look at the next
      }
    }
    start = end + 1;
  }
  return false;
}

/** A failed decode with a message a person can act on. */
function refused(error: TextDecodingError): DomainFailureOf<TextDecodingError> {
  return error === 'mixed-encoding'
    ? fail(error, {
        zh: '文件中混有两种文字编码（UTF-8 与 GBK），无法可靠读取中文。请在 Excel 或 WPS 中打开后另存为“CSV UTF-8（逗号分隔）”再导入。',
        en: 'The file mixes two text encodings (UTF-8 and GBK), so its Chinese cannot be read reliably. Open it in Excel or WPS, save it as "CSV UTF-8 (comma delimited)" and import that.',
      })
    : fail(error, {
        zh: '无法识别文件的文字编码（应为 UTF-8 或 GBK/GB18030）。请另存为“CSV UTF-8（逗号分隔）”再导入。',
        en: 'The text encoding is not recognised (UTF-8 or GBK/GB18030 expected). Save the file as "CSV UTF-8 (comma delimited)" and import that.',
      });
}
type DomainFailureOf<E extends string> = Extract<DomainResult<never, E>, { ok: false }>;

/**
 * Decodes CSV bytes: UTF-8 (a BOM is kept as the first character), else GB18030 (a superset of
 * GBK and GB2312). Refuses bytes that are neither, and GB18030-decodable bytes that also hold
 * runs of UTF-8 CJK sequences (mixed encodings).
 */
export function decodeText(bytes: Uint8Array): DomainResult<DecodedText, TextDecodingError> {
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    return { ok: true, value: { text: decoderFor('utf-8').decode(bytes), encoding: 'utf-8', hasBom } };
  } catch {
    // not UTF-8 (fatal decoder): try GB18030 below
  }
  // Not UTF-8 as a whole, yet a line of it is UTF-8 Chinese: a UTF-8 part pasted into a GBK file.
  if (hasBom || hasUtf8ChineseLine(bytes)) return refused('mixed-encoding');
  let text: string;
  try {
    text = decoderFor('gb18030').decode(bytes);
  } catch {
    return refused('unknown-encoding');
  }
  // A control character other than TAB/CR/LF, or U+FFFD, means the bytes were not text at all.
  // eslint-disable-next-line no-control-regex -- looking for control characters is the point
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFD]/.test(text)) return refused('unknown-encoding');
  return { ok: true, value: { text, encoding: 'gb18030', hasBom: false } };
}
