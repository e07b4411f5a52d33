import { parsePassageId, type PassageIdParse } from '@passage/core';

/** What the card's QR code holds: a link that names the person's Passage identifier. */
export const CARD_URL_BASE = 'https://passage.example.org/p/';

export function cardUrl(passageId: string): string {
  return `${CARD_URL_BASE}${passageId}`;
}

/**
 * The Passage identifier in a scanned or typed text: a card link (from any Passage server, so a card
 * printed elsewhere still opens) or the bare identifier.
 */
export function passageIdFromScan(text: string): PassageIdParse {
  const trimmed = text.trim();
  const link = /^https?:\/\/[^/\s]+\/p\/([^/?#\s]+)\/?(?:[?#].*)?$/i.exec(trimmed);
  return parsePassageId(link ? decodeURIComponent(link[1] as string) : trimmed);
}
