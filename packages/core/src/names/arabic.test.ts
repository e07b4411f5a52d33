import { describe, expect, it } from 'vitest';
import { detectArabicLanguage, transliterateArabic } from './arabic.ts';
import { ARABIC_LEXICON } from './arabic-lexicon.ts';
import { lettersToLatin } from './arabic-letters.ts';
import { nameKey } from './normalize.ts';

type Language = Parameters<typeof transliterateArabic>[1];
const texts = (text: string, language?: Language) => transliterateArabic(text, language).map((c) => c.text);
const best = (text: string, language?: Language) => transliterateArabic(text, language)[0];

describe('Arabic-script names from the lexicon', () => {
  it('gives the usual spellings, most common first', () => {
    expect(texts('محمد', 'ar')).toEqual(['Mohammed', 'Muhammad', 'Mohamed', 'Mohamad', 'Mouhamed']);
    expect(best('علي', 'ar')).toEqual({ text: 'Ali', system: 'lexicon' });
    expect(texts('فاطمة', 'ar')).toEqual(expect.arrayContaining(['Fatima', 'Fatma']));
    expect(texts('يوسف', 'ar').slice(0, 2)).toEqual(['Youssef', 'Yusuf']);
  });

  it('finds names written with or without harakat, tatweel and hamza on the alef', () => {
    const plain = texts('محمد', 'ar');
    expect(texts('مُحَمَّد', 'ar')).toEqual(plain);
    expect(texts('مـحـمـد', 'ar')).toEqual(plain);
    for (const ahmad of ['أحمد', 'احمد', 'إحمد', 'أَحْمَد']) expect(best(ahmad, 'ar')?.text).toBe('Ahmad');
    for (const ibrahim of ['إبراهيم', 'ابراهيم', 'إِبْرَاهِيم'])
      expect(best(ibrahim, 'ar')?.text).toBe('Ibrahim');
    expect(best('آمنة', 'ar')?.text).toBe(best('امنه', 'ar')?.text);
    expect(best('مصطفي', 'ar')?.text).toBe('Mustafa'); // alef maqsura written as yeh
  });

  it('uses Persian spellings for Persian, Urdu spellings for Urdu', () => {
    expect(best('حسين', 'ar')?.text).toBe('Hussein');
    expect(best('حسین', 'fa')?.text).toBe('Hossein');
    expect(best('حسین', 'ur')?.text).toBe('Hussain');
    expect(best('محمد', 'fa')?.text).toBe('Mohammad');
    expect(best('محمد', 'ur')?.text).toBe('Muhammad');
    expect(best('رضا', 'fa')?.text).toBe('Reza');
    expect(texts('زهرا', 'fa')).toEqual(['Zahra', 'Zahrah']);
    expect(best('فاطمه', 'fa')?.text).toBe('Fatemeh');
  });

  it('reads the language from Persian and Urdu letters when none is given', () => {
    expect(best('علی حسینی')?.text).toBe('Ali Hosseini'); // ی is Persian
    expect(best('فاطمہ')?.text).toBe('Fatima'); // ہ is Urdu
    expect(best('چوہدری')?.text).toBe('Chaudhry');
  });

  it('offers Arabic, Persian and Urdu usages in turn when the letters do not tell', () => {
    expect(texts('محمد').slice(0, 3)).toEqual(['Mohammed', 'Mohammad', 'Muhammad']);
  });

  it('spells a whole Urdu name', () => {
    expect(best('محمد عمران خان', 'ur')?.text).toBe('Muhammad Imran Khan');
    expect(texts('عائشہ بی بی')).toContain('Ayesha Bibi');
  });
});

describe('how names are built', () => {
  it('Abd al- compounds, written apart or joined, known or not', () => {
    expect(texts('عبد الله', 'ar').slice(0, 4)).toEqual(['Abdullah', 'Abdallah', 'Abd Allah', 'Abdalla']);
    expect(texts('عبدالله', 'ar')).toEqual(texts('عبد الله', 'ar'));
    expect(texts('عبد الرحمن', 'ar')).toEqual(
      expect.arrayContaining(['Abdulrahman', 'Abd al-Rahman', 'Abdul Rahman']),
    );
    // not in the lexicon as a whole: built from عبد + ال + جبار
    expect(texts('عبد الجبار', 'ar')).toEqual([
      'Abduljabbar',
      'Abdeljabbar',
      'Abd al-Jabbar',
      'Abdul Jabbar',
      'Abd el-Jabbar',
    ]);
    expect(texts('عبد الرزاق', 'ar')).toContain('Abd ar-Razzaq'); // sun letter
    expect(texts('عبدالستار', 'ur')).toEqual(expect.arrayContaining(['Abdul Sattar', 'Abdus Sattar']));
    expect(best('عبدالرضا', 'fa')?.text).toBe('Abdolreza');
  });

  it('the article al-', () => {
    expect(texts('الأحمد', 'ar')).toEqual(['Al-Ahmad', 'Alahmad', 'Al Ahmad', 'El-Ahmad', 'Ahmad']);
    expect(best('الخطيب', 'ar')?.text).toBe('Al-Khatib');
    expect(best('العلوي', 'ar')?.text).toBe('Alaoui'); // Maghreb usage, from the lexicon
  });

  it('bin, ibn, bint and Abu', () => {
    expect(best('محمد بن سلمان', 'ar')?.text).toBe('Mohammed Bin Salman');
    expect(best('أحمد ابن علي', 'ar')?.text).toBe('Ahmad Ibn Ali');
    expect(best('فاطمة بنت محمد', 'ar')?.text).toBe('Fatima Bint Mohammed');
    expect(best('أبو بكر', 'ar')?.text).toBe('Abu Bakr');
    expect(best('بن سالم', 'ar')?.text).toBe('Ben Salem'); // a family name; between names, bin
    expect(texts('بنعلي', 'ar').slice(0, 2)).toEqual(['Benali', 'Ben Ali']);
  });

  it('-ullah and -uddin compounds', () => {
    expect(best('حبيب الله', 'ps')?.text).toBe('Habibullah');
    expect(best('حبیب‌الله', 'fa')?.text).toBe('Habibollah');
    expect(best('رحمة الله', 'ur')?.text).toBe('Rahmatullah');
    expect(best('نصر الله', 'ar')?.text).toBe('Nasrallah');
    expect(best('شمس الدين', 'ar')?.text).toBe('Shamseddine');
    expect(best('شمس الدين', 'ur')?.text).toBe('Shamsuddin');
  });

  it('family names from a known name: nisba -i, -zai, -zadeh', () => {
    expect(best('کریمی', 'fa')?.text).toBe('Karimi');
    expect(best('عباسی', 'ur')?.text).toBe('Abbasi');
    expect(best('حسینی', 'ur')?.text).toBe('Hussaini');
    expect(best('احمدزی', 'ps')?.text).toBe('Ahmadzai');
    expect(best('حسین‌زاده', 'fa')?.text).toBe('Hosseinzadeh');
  });

  it('joined names of two known parts', () => {
    expect(texts('علیرضا', 'fa')).toEqual(['Alireza', 'Ali Reza', 'Ali-Reza']);
    expect(texts('محمدعلی', 'fa').slice(0, 2)).toEqual(['Mohammadali', 'Mohammad Ali']);
  });
});

describe('letter by letter, for words the lexicon does not know', () => {
  it('is offered, and labelled as a guess', () => {
    const unknown = transliterateArabic('بسطويسي', 'ar');
    expect(unknown[0]).toEqual({ text: 'Bastawisi', system: 'letter-by-letter' });
    expect(transliterateArabic('محمد بسطويسي', 'ar')[0]).toEqual({
      text: 'Mohammed Bastawisi',
      system: 'letter-by-letter',
    });
  });

  it('spells the letters and guesses short vowels', () => {
    expect(lettersToLatin('خالد')).toEqual(['Khalid']);
    expect(lettersToLatin('جعفر')).toEqual(['Jafar', "Ja'far"]); // ع silent or '
    expect(lettersToLatin('ظافر')).toEqual(['Zafir']);
    expect(lettersToLatin('غوث')).toEqual(['Ghuth']);
    expect(lettersToLatin('شريف')).toEqual(['Sharif']);
    expect(lettersToLatin('قاسم')).toEqual(['Qasim']);
  });

  it('uses harakat when the word has them', () => {
    expect(lettersToLatin('مُحَمَّد')).toEqual(['Muhammad']);
    expect(lettersToLatin('عُثْمَان')).toEqual(['Uthman']);
    expect(lettersToLatin('حُسَيْن')).toEqual(['Husain']);
  });

  it('spells Persian, Urdu and Pashto letters', () => {
    expect(lettersToLatin('پژمان', 'fa')).toEqual(['Pazhman']);
    expect(lettersToLatin('چنگیز', 'fa')).toEqual(['Changiz']);
    expect(lettersToLatin('گلاب', 'fa')).toEqual(['Galab']);
    expect(lettersToLatin('ٹوانہ', 'ur')[0]).toBe('Tawana');
    expect(lettersToLatin('ڈوگر', 'ur')[0]).toBe('Dugar');
    expect(lettersToLatin('ګړنګ', 'ps')[0]).toBe('Garnag');
    expect(lettersToLatin('ثابت', 'fa')[0]).toBe('Sabit'); // ث is s in Persian
    expect(lettersToLatin('ڕۆژان')[0]).toBe('Rozhan'); // Kurdish writes its vowels
    expect(best('ګل احمد')?.text).toBe('Gul Ahmad'); // Pashto ګ
    expect(lettersToLatin('ثابت', 'ar')[0]).toBe('Thabit');
  });

  it('gives nothing for a word with no spellable letter', () => {
    expect(lettersToLatin('ء')).toEqual([]);
    expect(transliterateArabic('ء ـ')).toEqual([]);
  });
});

describe('the lexicon', () => {
  const rows = ARABIC_LEXICON.map((row) => row.split('|'));

  it('has at least 150 names, each row once', () => {
    expect(rows.length).toBeGreaterThanOrEqual(150);
    const keys = rows.map(([native = '']) => nameKey(native));
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
  });

  it('spells in Latin letters only', () => {
    for (const [, ...spellings] of rows) {
      for (const spelling of spellings)
        expect(spelling.replace(/^(fa|ur|ps|ar):/, '')).toMatch(/^[\p{Script=Latin} '-]+$/u);
    }
  });
});

describe('detectArabicLanguage', () => {
  it.each([
    ['فاطمہ', 'ur'],
    ['ګل', 'ps'],
    ['علی', 'fa'],
    ['علي', 'ar'],
    ['فاطمة', 'ar'],
    ['محمد', undefined],
  ] as const)('%s → %s', (text, language) => {
    expect(detectArabicLanguage(text)).toBe(language);
  });
});
