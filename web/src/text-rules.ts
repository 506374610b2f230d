import { BSN_IN_TEXT, ONE_LINE } from '#shared/domain/text.ts';

// What the app says, in Dutch, when a text breaks a rule every text of the API keeps
// (shared/domain/text.ts): the schema's and the API's messages are English.

export const BSN_IN_TEXT_MESSAGE = 'Hier staat iets dat op een BSN lijkt. Laat het weg: Overbrug bewaart nooit een BSN.';
export const ONE_LINE_MESSAGE = 'Alles op één regel, zonder regeleinden of tabs.';

/** The Dutch for a text rule's message (the schema's or the API's), or undefined for another problem. */
export const textRuleMessage = (message: string): string | undefined => (message === BSN_IN_TEXT ? BSN_IN_TEXT_MESSAGE : message === ONE_LINE ? ONE_LINE_MESSAGE : undefined);
