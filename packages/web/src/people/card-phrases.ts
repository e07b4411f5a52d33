/**
 * "Show this card at your next health visit" for people whose language has no interface catalogue
 * yet; en, fr and ar come from the catalogues. Not yet reviewed by native-speaking health mediators
 * (languages.md): move each into its catalogue once reviewed. Bambara, Pulaar and Wolof are left out
 * until a mediator provides them, rather than printing a guess on someone's card.
 */
export const CARD_PHRASES: Readonly<Record<string, string>> = {
  es: 'Muestre esta tarjeta en su próxima visita médica.',
  fa: 'این کارت را در مراجعهٔ بعدی خود به مرکز درمانی نشان دهید.',
  ur: 'اپنے اگلے طبی معائنے پر یہ کارڈ دکھائیں۔',
  ru: 'Покажите эту карточку при следующем визите к врачу.',
  uk: 'Покажіть цю картку під час наступного візиту до лікаря.',
  sq: 'Tregojeni këtë kartë në vizitën tuaj të ardhshme shëndetësore.',
  tr: 'Bir sonraki sağlık ziyaretinizde bu kartı gösterin.',
};

/** Languages whose speakers read the phrase of another: Dari is written as Persian. */
export const PHRASE_LANGUAGE: Readonly<Record<string, string>> = { prs: 'fa' };
