import type { Lang } from '../src/language/languages';
import { commandOf, cuesOf } from './helpers/entities';

/** Questions about the last answer, and "that's not what I mean", as residents ask them. */
describe('a resident asks about the answer just given', () => {
  it.each<[Lang, string, string]>([
    ['so', 'xagee ku taal?', 'where'],
    ['so', 'Goorma ayay furan tahay Tingbjerg Pigeklub?', 'hours'],
    ['tr', 'acil olmayan durumlarda polisi nasıl ararım?', 'contact'],
    ['en', 'where is it?', 'where'],
    ['fa', 'Tingbjerg Pigeklub کی بازه؟', 'hours'],
  ])('%s "%s" → %s', (lang, text, followUp) => {
    expect(cuesOf(lang, text).followUp).toBe(followUp);
  });
});

describe('a resident says the bot got it wrong', () => {
  it.each<[Lang, string]>([
    ['pl', 'nie szukam klubu'],
    ['uk', 'я не шукаю клуб'],
    ['fa', 'دنبال کلاب نیستم'],
    ['en', "I'm not looking for a club"],
    ['da', 'jeg leder ikke efter en klub'],
    ['tr', 'kulüp aramıyorum'],
    ['ar', 'ما بدي نادي'],
    ['ur', 'mujhe club nahi chahiye'],
    ['so', 'naadi ma raadinayo'],
  ])('%s "%s" → not this', (lang, text) => {
    expect(commandOf(lang, text)).toBe('notThis');
  });

  it.each<[Lang, string]>([
    ['en', 'I am looking for a club for my son'],
    ['pl', 'szukam klubu dla córki'],
    ['da', 'vi leder efter en klub i Valby'],
  ])('%s "%s" → a request, not "not this"', (lang, text) => {
    expect(commandOf(lang, text)).toBeUndefined();
  });
});

describe('a resident asks to delete their data in Latin script', () => {
  it.each<[Lang, string]>([
    ['ar', 'emsa7 kol el data beta3ti'],
    ['ar', 'im7i bayanati'],
  ])('%s "%s" → delete my data', (lang, text) => {
    expect(commandOf(lang, text)).toBe('deleteData');
  });
});
