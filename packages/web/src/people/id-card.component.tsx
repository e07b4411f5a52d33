import type { Patient } from '@medplum/fhirtypes';
import { useTranslation } from 'react-i18next';
import { directionOf } from '../i18n/languages';
import { cardUrl } from './card-url';
import { CARD_PHRASES, PHRASE_LANGUAGE } from './card-phrases';
import classes from './card.module.css';
import { usePersonFormat } from './person-format';
import { latinName, nativeName, passageIdOf, preferredLanguageOf } from './person';
import { QrCode } from './qr-code.component';

/** The card's one sentence in the person's language and in the clinician's, each only once. */
function usePhrases(patient: Patient): { lang: string; text: string }[] {
  const { i18n } = useTranslation();
  const phrase = (tag: string | undefined) => {
    const base = tag?.split('-')[0] ?? '';
    const lang = PHRASE_LANGUAGE[base] ?? base;
    if (!lang) return undefined;
    const text = i18n.hasResourceBundle(lang, 'translation')
      ? i18n.getFixedT(lang)('peopleCardShowAtVisit')
      : CARD_PHRASES[lang];
    return text ? { lang, text } : undefined;
  };
  const list = [phrase(preferredLanguageOf(patient)), phrase(i18n.resolvedLanguage)];
  return list.filter(
    (p, i): p is { lang: string; text: string } =>
      p !== undefined && list.findIndex((q) => q?.lang === p.lang) === i,
  );
}

/** The Passage card: who the person is, their identifier to read aloud, and a QR code to scan. */
export function IdCard({ patient }: { patient: Patient }) {
  const { t } = useTranslation();
  const format = usePersonFormat();
  const id = passageIdOf(patient) ?? '';
  const native = nativeName(patient);
  const latin = latinName(patient);
  const phrases = usePhrases(patient);
  return (
    <div className={classes.card} data-testid="passage-card">
      <div className={classes.who}>
        <div className={classes.brand}>{t('appName')}</div>
        {native && native.text !== latin?.text && (
          <div className={classes.native}>
            <bdi lang={native.lang}>{native.text}</bdi>
          </div>
        )}
        {latin && (
          <div className={classes.latin}>
            <bdi lang={latin.lang}>{latin.text}</bdi>
          </div>
        )}
        <div>
          {t('peopleCardBorn')} {format.birthYear(patient)}
        </div>
      </div>
      {id && <QrCode value={cardUrl(id)} label={t('peopleCardQr', { id })} className={classes.qr} />}
      <div
        className={classes.id}
        dir="ltr"
        aria-label={t('peopleCardIdSpoken', { id: id.split('').join(' ') })}
      >
        {id.replace(/-/g, ' – ')}
      </div>
      <div className={classes.phrases}>
        {phrases.map(({ lang, text }) => (
          <div key={lang} lang={lang} dir={directionOf(lang)}>
            {text}
          </div>
        ))}
      </div>
    </div>
  );
}
