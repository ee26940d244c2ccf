/**
 * SMS length as carriers count it. A message written only in the GSM 03.38 alphabet is sent as
 * GSM-7: 160 characters in one segment, 153 per segment when split (the extension characters
 * ^ { } \ [ ] ~ | € count twice). One character outside it (many Spanish accents: á í ó ú, but
 * not é ñ ü) makes the whole message UCS-2: 70 characters, 67 per segment when split.
 */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '^{}\\[~]|€';

const basic = new Set(GSM_BASIC);
const extension = new Set(GSM_EXTENSION);

export interface SmsLength {
  readonly encoding: 'GSM-7' | 'UCS-2';
  /** Characters as the encoding counts them (GSM-7 extension characters count twice). */
  readonly units: number;
  readonly segments: number;
  /** For UCS-2, the first character that forced it. */
  readonly firstNonGsm?: string;
}

export function smsLength(text: string): SmsLength {
  let units = 0;
  for (const character of text) {
    if (basic.has(character)) units += 1;
    else if (extension.has(character)) units += 2;
    else return ucs2(text, character);
  }
  return { encoding: 'GSM-7', units, segments: units <= 160 ? 1 : Math.ceil(units / 153) };
}

function ucs2(text: string, firstNonGsm: string): SmsLength {
  // UTF-16 code units: an emoji takes two.
  const units = text.length;
  return {
    encoding: 'UCS-2',
    units,
    segments: units <= 70 ? 1 : Math.ceil(units / 67),
    firstNonGsm,
  };
}
