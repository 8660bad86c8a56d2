import type { ComplaintArea, ComplaintGround } from '../src/catalog';
import type { Lang } from '../src/language/languages';
import { entitiesOf } from './helpers/entities';

/** Discrimination: on what ground and where it happened, in nine languages and in Latin script. */
describe('a resident says why they were treated differently', () => {
  it.each<[Lang, string, ComplaintGround]>([
    ['da', 'fordi jeg er araber', 'ethnic_origin'],
    ['da', 'fordi jeg går med tørklæde', 'religion'],
    ['en', "because I'm Afghan", 'ethnic_origin'],
    ['en', 'because I wear a headscarf', 'religion'],
    ['ar', 'لأني أفغاني', 'ethnic_origin'],
    ['ar', 'لأني باكستاني', 'ethnic_origin'],
    ['ar', 'لأني ألبس الحجاب', 'religion'],
    ['ar', '3ashan ana 3arabi', 'ethnic_origin'],
    ['ar', '3ashan ana mo7agaba', 'religion'],
    ['fa', 'چون پاکستانی هستم', 'ethnic_origin'],
    ['fa', 'چون روسری سرم میکنم', 'religion'],
    ['fa', 'chon afghani hastam', 'ethnic_origin'],
    ['fa', 'chon mosalman hastam', 'religion'],
    ['pl', 'bo jestem Afgańczykiem', 'ethnic_origin'],
    ['pl', 'bo noszę chustę', 'religion'],
    ['so', 'sababtoo ah inaan Carab ahay', 'ethnic_origin'],
    ['so', 'maxaa yeelay waxaan ahay Afgaan', 'ethnic_origin'],
    ['so', 'sababtoo ah xijaab baan xirtaa', 'religion'],
    ['tr', 'çünkü Afganım', 'ethnic_origin'],
    ['tr', 'başörtülü olduğum için', 'religion'],
    ['uk', 'бо я араб', 'ethnic_origin'],
    ['uk', 'бо я пакистанець', 'ethnic_origin'],
    ['uk', 'бо я ношу хустку', 'religion'],
    ['ur', 'کیونکہ میں عرب ہوں', 'ethnic_origin'],
    ['ur', 'kyunke main pakistani hoon', 'ethnic_origin'],
    ['ur', 'kyunke main hijab pehenti hoon', 'religion'],
  ])('%s "%s" → %s', (lang, text, ground) => {
    expect(entitiesOf(lang, text).ground).toBe(ground);
  });
});

describe('a resident says where it happened', () => {
  it.each<[Lang, string, ComplaintArea]>([
    ['da', 'dørmanden ville ikke lukke mig ind på diskoteket', 'nightlife_shops'],
    ['da', 'til en jobsamtale', 'work'],
    ['en', 'the bouncer at the club door', 'nightlife_shops'],
    ['en', 'the landlord refused', 'housing'],
    ['ar', 'على باب النادي', 'nightlife_shops'],
    ['ar', 'el bouncer ma da5alnish el club', 'nightlife_shops'],
    ['ar', 'fel sho3l', 'work'],
    ['fa', 'دم در کلوب', 'nightlife_shops'],
    ['fa', 'too kar ba man bad raftar mikonan', 'work'],
    ['fa', 'sahabkhune be man khune nemide', 'housing'],
    ['pl', 'na rozmowie o pracę', 'work'],
    ['pl', 'bramkarz przy wejściu do klubu', 'nightlife_shops'],
    ['so', 'albaabka naadiga', 'nightlife_shops'],
    ['so', 'waraysiga shaqada', 'work'],
    ['tr', 'kulübün kapısında', 'nightlife_shops'],
    ['tr', 'iş görüşmesinde', 'work'],
    ['uk', 'на співбесіді', 'work'],
    ['uk', 'охоронець на вході в клуб', 'nightlife_shops'],
    ['ur', 'نوکری کے انٹرویو میں', 'work'],
    ['ur', 'job interview mein mujhe reject kar diya', 'work'],
    ['ur', 'school mein teacher ne', 'education'],
    ['ur', 'malik makan ne flat nahi diya', 'housing'],
  ])('%s "%s" → %s', (lang, text, area) => {
    expect(entitiesOf(lang, text).complaintArea).toBe(area);
  });

  it.each<[Lang, string]>([
    ['ur', 'میں آپ کو اس کے بارے میں بتانا چاہتا ہوں'], // "بارے" (about) is not a bar
    ['ur', 'ایک بار پھر'], // "once again"
    ['fa', 'یک بار دیگر'],
    ['tr', 'işte böyle oldu'], // "işte" is "that's how", not "at work"
    ['da', 'det var ærgerligt'],
  ])('%s "%s" → no place', (lang, text) => {
    expect(entitiesOf(lang, text).complaintArea).toBeUndefined();
  });
});
