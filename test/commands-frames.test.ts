import type { Lang } from '../src/language/languages';
import { commandOf } from './helpers/entities';

/**
 * "Delete my data" wrapped in the resident's own words: a delete verb and the resident's data, in either
 * order, with other words around — and what only looks like it ("the landlord deleted my message").
 */
describe('a resident asks to delete their data in their own words', () => {
  it.each<[Lang, string]>([
    ['en', 'ok so I changed my mind, could you erase all the information you have about me'],
    ['en', 'my details, remove them please'],
    ['en', "it's not working, wipe this conversation"],
    ['da', 'jeg vil faktisk ikke have det gemt, slet venligst alle mine oplysninger'],
    ['da', 'kan I fjerne alt hvad I har om mig'],
    ['pl', 'proszę o usunięcie moich danych'],
    ['pl', 'moje dane proszę skasujcie'],
    ['fa', 'لطفا همه اطلاعاتم رو حذف کنید'],
    ['fa', 'lotfan hame ettelaate mano pak konid'],
    ['ar', 'لو سمحت امسح كل معلوماتي'],
    ['ar', 'plz im7i kol el data taba3i'],
    ['ar', 'أريد حذف بياناتي'],
    ['so', 'fadlan dhammaan xogtayda tirtira'],
    ['tr', 'aslında kaydedilmesini istemiyorum, bilgilerimi sil'],
    ['uk', 'насправді не хочу, щоб це зберігалося, видаліть мою інформацію'],
    ['uk', 'удалите пожалуйста все мои данные'],
    ['ur', 'براہ کرم میرا سارا ڈیٹا ڈیلیٹ کر دیں'],
    ['ur', 'meri saari maloomat mita dein please'],
    // Giving up on the question is said on the way to the wish that matters.
    ['en', 'forget it, just delete my data'],
    ['ur', 'rehne do, data delete kar do'],
  ])('%s "%s" → delete my data', (lang, text) => {
    expect(commandOf(lang, text)).toBe('deleteData');
  });

  it.each<[Lang, string]>([
    ['en', 'I deleted the photos'],
    ['en', 'the landlord deleted my message'],
    ['en', 'can you delete the second club from the list'],
    ['en', "please don't delete my data"],
    ['en', 'forget it, what I said about the date was wrong'],
    ['da', 'udlejeren slettede min besked'],
    ['da', 'jeg kan slet ikke finde ud af det'],
    ['pl', 'wynajmujący usunął moją wiadomość'],
    ['pl', 'możesz usunąć drugi klub z listy'],
    ['fa', 'صاحبخانه پیامم را پاک کرد'],
    ['fa', 'اطلاعاتمو پاک نکن'],
    ['ar', 'صاحب البيت حذف رسائلي'],
    ['ar', 'لا تحذف بياناتي'],
    ['so', 'milkiilaha guriga ayaa tirtiray fariintayda'],
    ['tr', 'ev sahibi mesajımı sildi'],
    ['tr', 'kulüp kaydımı kaldırın'],
    ['uk', 'орендодавець видалив моє повідомлення'],
    ['ur', 'malik ne mera message delete kar diya'],
    ['ur', 'mera data delete mat karo'],
  ])('%s "%s" → not a delete request', (lang, text) => {
    expect(commandOf(lang, text)).not.toBe('deleteData');
  });
});

describe('a person and start over, with other words around', () => {
  it.each<[Lang, string, string]>([
    ['en', 'can I please speak with a human being', 'human'],
    ['da', 'kan jeg få lov at tale med et rigtigt menneske om det her', 'human'],
    ['pl', 'wolałabym porozmawiać z prawdziwym człowiekiem', 'human'],
    ['ar', 'ممكن احكي مع موظف لو سمحت', 'human'],
    ['da', 'det her virker ikke, lad os starte forfra', 'cancel'],
    ['en', 'this is going nowhere, can we just start over', 'cancel'],
  ])('%s "%s" → %s', (lang, text, command) => {
    expect(commandOf(lang, text)).toBe(command);
  });

  it.each<[Lang, string]>([
    ['en', 'my son wants to start over at a new school in Valby, is there a club near it'],
    ['da', 'min søn vil gerne starte forfra i en ny klub'],
  ])('%s "%s" → no command', (lang, text) => {
    expect(commandOf(lang, text)).toBeUndefined();
  });
});
