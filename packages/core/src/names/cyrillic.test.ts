import { describe, expect, it } from 'vitest';
import { detectCyrillicLanguage, transliterateCyrillic } from './cyrillic.ts';

const best = (text: string, language?: Parameters<typeof transliterateCyrillic>[1]) =>
  transliterateCyrillic(text, language)[0];
const texts = (text: string, language?: Parameters<typeof transliterateCyrillic>[1]) =>
  transliterateCyrillic(text, language).map((candidate) => candidate.text);

describe('Ukrainian: national system, Cabinet of Ministers resolution 55 of 2010', () => {
  // The examples printed in the resolution's table.
  it.each([
    ['Згорани', 'Zghorany'],
    ['Розгон', 'Rozghon'],
    ['Щербухи', 'Shcherbukhy'],
    ['Юрій', 'Yurii'],
    ["Знам'янка", 'Znamianka'],
    ['Олексій', 'Oleksii'],
    ['Київ', 'Kyiv'],
    ['Яготин', 'Yahotyn'],
    ['Ярошенко', 'Yaroshenko'],
    ['Стрий', 'Stryi'],
    ['Феодосія', 'Feodosiia'],
    ['Їжакевич', 'Yizhakevych'],
    ['Кадиївка', 'Kadyivka'],
    ['Марія', 'Mariia'],
    ['Соломія', 'Solomiia'],
    ['Гадяч', 'Hadiach'],
    ['Жовква', 'Zhovkva'],
    ['Ковальчук', 'Kovalchuk'],
    ['Олександр', 'Oleksandr'],
    ['Юлія', 'Yuliia'],
    ['Сергій', 'Serhii'],
    ['Ґалаґан', 'Galagan'],
    ['Євген', 'Yevhen'],
  ])('%s → %s', (cyrillic, latin) => {
    expect(best(cyrillic, 'uk')).toEqual({ text: latin, system: 'uk-national-2010' });
    expect(best(cyrillic)?.text).toBe(latin); // detected as Ukrainian or ambiguous, Ukrainian first
  });

  it('accepts the modifier-letter and typographic apostrophes', () => {
    expect(best('Знамʼянка')?.text).toBe('Znamianka');
    expect(best('Знам’янка')?.text).toBe('Znamianka');
  });

  it('then gives older passport and common spellings', () => {
    expect(texts('Сергій', 'uk').slice(0, 5)).toEqual(['Serhii', 'Serhiy', 'Sergiy', 'Sergei', 'Sergey']);
    expect(texts('Юлія', 'uk').slice(0, 2)).toEqual(['Yuliia', 'Yulia']);
    expect(texts('Тетяна', 'uk')).toContain('Tetyana');
    expect(texts('Романюк', 'uk')).toContain('Romanyuk');
  });

  it('keeps the case pattern of each word, and capitalises lower-case input', () => {
    expect(best('ШЕВЧЕНКО Тарас')?.text).toBe('SHEVCHENKO Taras');
    expect(best('олена коваль-бондар')?.text).toBe('Olena Koval-Bondar');
  });
});

describe('Russian: ICAO Doc 9303 part 3', () => {
  it.each([
    ['Александр', 'Aleksandr'],
    ['Юлия', 'Iuliia'],
    ['Сергей', 'Sergei'],
    ['Дмитрий', 'Dmitrii'],
    ['Пётр', 'Petr'],
    ['Наталья', 'Natalia'],
    ['Жанна', 'Zhanna'],
    ['Харитонов', 'Kharitonov'],
    ['Цветкова', 'Tsvetkova'],
    ['Щукин', 'Shchukin'],
    ['Объедков', 'Obieedkov'],
    ['Рыбаков', 'Rybakov'],
    ['Эльвира', 'Elvira'],
    ['Ёлкин', 'Elkin'],
  ])('%s → %s', (cyrillic, latin) => {
    expect(best(cyrillic, 'ru')).toEqual({ text: latin, system: 'icao-9303' });
  });

  it('then gives the common English-style spellings', () => {
    expect(texts('Александр', 'ru')).toEqual(expect.arrayContaining(['Aleksandr', 'Alexander']));
    expect(texts('Юлия', 'ru')).toEqual(expect.arrayContaining(['Iuliia', 'Yulia', 'Julia']));
    expect(texts('Сергей', 'ru')).toEqual(expect.arrayContaining(['Sergei', 'Sergey']));
    expect(texts('Дмитрий', 'ru')).toContain('Dmitry');
    expect(texts('Пётр', 'ru')).toContain('Pyotr');
    expect(texts('Максим', 'ru')).toContain('Maxim');
    expect(texts('Наталья', 'ru')).toContain('Natalya');
  });

  it('offers Ж as J and Х as H too', () => {
    expect(texts('Журавлёв', 'ru')).toEqual(expect.arrayContaining(['Zhuravlev', 'Juravlyov']));
    expect(texts('Хоменко')).toEqual(expect.arrayContaining(['Khomenko', 'Homenko']));
  });
});

describe('Other Cyrillic alphabets', () => {
  it('Belarusian by ICAO with its exceptions (Г H, Ё IO)', () => {
    expect(best('Аляксандр Святлана Ігар', 'be')?.text).toBe('Aliaksandr Sviatlana Ihar');
    expect(best('Ўладзімір Ёрш')?.text).toBe('Uladzimir Iorsh');
  });

  it('Bulgarian by the Streamlined System (Щ sht, Ъ a, final -ия ia)', () => {
    expect(best('Христо Стоянов Щерев', 'bg')).toEqual({
      text: 'Hristo Stoyanov Shterev',
      system: 'bg-streamlined-2009',
    });
    expect(best('Мария Ъгълова', 'bg')?.text).toBe('Maria Agalova');
  });

  it('drops letters no system knows rather than failing', () => {
    expect(best('Әлия Қасымова')?.text).toBe('Aliia Qasymova');
  });
});

describe('detectCyrillicLanguage', () => {
  it.each([
    ['Юлія', 'uk'],
    ['Ґалаґан', 'uk'],
    ["Знам'янка", 'uk'],
    ['Юлия', 'ru'],
    ['Игорь', 'ru'],
    ['Наталья', 'ru'],
    ['Сергей', 'ru'],
    ['Пётр', 'ru'],
    ['Ўладзімір', 'be'],
    ['Міхась Рыбак', 'be'],
    ['Олег', undefined],
    ['Шевченко', undefined],
  ] as const)('%s → %s', (text, language) => {
    expect(detectCyrillicLanguage(text)).toBe(language);
  });

  it('offers both readings when the letters do not tell, Ukrainian first', () => {
    expect(texts('Олег').slice(0, 2)).toEqual(['Oleh', 'Oleg']);
    expect(texts('Мельник').slice(0, 2)).toEqual(['Melnyk', 'Melnik']);
  });

  it('prefers the reading that gives a known name when the letters do not tell', () => {
    expect(best('Дмитрий')).toEqual({ text: 'Dmitrii', system: 'icao-9303' });
  });
});
