import type { Lang } from '../language/languages';

/**
 * Built-in danger terms by language and category. They sit under the longer, per-language lists in
 * `locales/<lng>/training/safety.json` (which the city's language workers extend) so the screen still works,
 * and can name a category for the helpline, when a locale file is missing or thin.
 *
 * Syntax: terms are compared after `normalizeText` (lowercase, no diacritics, ي/ی and ك/ک unified), at word
 * boundaries; a trailing `*` also matches longer words ("selvmord*" -> "selvmordstanker"). Arabic-script terms
 * also match with a proclitic in front (و ف ب ل ال ...) and any ending (pronoun suffixes).
 * Words that are harmless in everyday speech stay out (Danish "gang" means "time"; bare "hit" is sport talk).
 */
export type DangerCategory =
  | 'domestic-violence'
  | 'threat'
  | 'self-harm'
  | 'forced-marriage'
  | 'gang'
  | 'radicalisation'
  | 'sexual-violence'
  | 'stalking';

export const DANGER_CATEGORIES: readonly DangerCategory[] = [
  'domestic-violence',
  'threat',
  'self-harm',
  'forced-marriage',
  'gang',
  'radicalisation',
  'sexual-violence',
  'stalking',
];

type TermTable = Record<Lang, Partial<Record<DangerCategory, string[]>>>;

export const BUILTIN_DANGER_TERMS: TermTable = {
  da: {
    'domestic-violence': ['slår mig', 'slog mig', 'slået mig', 'slår min*', 'slog min*', 'slår os', 'slår børnene', 'banker mig', 'bankede mig', 'tæsk*', 'tæver mig', 'tævet', 'sparker mig', 'kvæler mig', 'kvalte mig', 'vold', 'voldelig*', 'partnervold', 'mishandl*', 'gør mig fortræd'],
    threat: ['ihjel', 'dræbe*', 'dræber mig', 'truer mig', 'truede mig', 'truer med', 'truet', 'dødstrus*', 'kniv', 'kniven', 'knive', 'knivstik*', 'våben', 'pistol', 'skydevåben'],
    'self-harm': ['selvmord*', 'tage mit eget liv', 'tage mit liv', 'ikke leve mere', 'vil ikke leve', 'orker ikke at leve', 'vil dø', 'ønsker at dø', 'skære i mig selv', 'skærer i mig selv', 'cutter mig selv', 'selvskad*', 'gøre skade på mig selv', 'gøre en ende på det', 'gøre det af med mig selv'],
    'forced-marriage': ['tvangsægteskab*', 'tvangsgift*', 'tvinge mig til at gifte', 'tvinger mig til at gifte', 'gifte mig bort', 'æresrelateret', 'æresdrab', 'æreskrænk*', 'genopdragelsesrejse', 'social kontrol'],
    gang: ['banden', 'bander', 'bandemiljø*', 'bandemedlem*', 'bandekonflikt*', 'rekrutteret', 'rekrutterer', 'sælger stoffer', 'løber for nogle', 'rockerne'],
    radicalisation: ['radikalis*', 'ekstremis*', 'jihad*', 'terrorgruppe*', 'terrorangreb*', 'terrororganisation*', 'hellig krig'],
    'sexual-violence': ['voldtag*', 'voldtæg*', 'voldtog', 'seksuelt overgreb', 'overgreb*', 'misbrugt', 'rører ved mig'],
    stalking: ['forfølger mig', 'forfulgt', 'stalk*', 'følger efter mig'],
  },
  en: {
    'domestic-violence': ['hits me', 'hit me', 'hitting me', 'beats me', 'beat me', 'beating me', 'beaten', 'beats my*', 'hits my*', 'kicks me', 'abuse*', 'abusive', 'domestic violence', 'violent', 'violence', 'chok*', 'strangl*', 'hurts me', 'hurt me'],
    threat: ['kill me', 'kill him', 'kill her', 'kill us', 'going to kill', 'gonna kill', 'will kill', 'threaten*', 'death threat*', 'knife', 'knives', 'stabbed', 'stab', 'gun', 'weapon*'],
    'self-harm': ['suicid*', 'kill myself', 'end my life', 'take my life', 'take my own life', 'want to die', 'wanna die', 'dont want to live', 'don t want to live', 'do not want to live', 'no reason to live', 'self harm*', 'selfharm*', 'cutting myself', 'cut myself', 'hurt myself', 'hurting myself', 'end it all'],
    'forced-marriage': ['forced marriage', 'force me to marry', 'forcing me to marry', 'forced to marry', 'marry me off', 'honour', 'honor based', 'honour based', 'honor killing'],
    gang: ['gang', 'gangs', 'gangster*', 'recruited', 'recruiting', 'drug runner', 'selling drugs'],
    radicalisation: ['radicali*', 'extremis*', 'jihad*', 'terror group*', 'terrorist group*', 'terrorist organi*', 'join isis', 'holy war'],
    'sexual-violence': ['rape*', 'raped', 'sexual assault*', 'sexually assault*', 'molest*', 'touches me'],
    stalking: ['stalk*', 'following me', 'follows me', 'followed me'],
  },
  ar: {
    'domestic-violence': ['یضربنی', 'بیضربنی', 'ضربنی', 'یضرب', 'بیضرب', 'عنف', 'العنف الاسری', 'تعنیف', 'یعنفنی', 'یعذبنی', 'yedrebni', 'yadrebni', 'yidrabni', 'bedrabni', 'bi2darbni', 'biyidrabni', 'darabni', 'darbni', 'daraboni', '3onf', '3unf'],
    threat: ['یقتلنی', 'سیقتلنی', 'راح یقتل', 'قتل', 'یقتل', 'اقتل', 'تهدید', 'یهددنی', 'هددنی', 'سکین', 'سلاح', 'مسدس', 'بدو یقتل', 'ya2telni', 'yi2telni', 'ye2telni', 'yaqtulni', 'bi2telni', '2atl', 'qatl', 'sakin', 'sikkin', 'sekkin', 'sikeen', 'tahdid', 'bihaddidni', 'yhadedni', 'mosadas', 'sila7'],
    'self-harm': ['انتحار', 'انتحر', 'اقتل نفسی', 'اذی نفسی', 'اوذی نفسی', 'ما بدی عیش', 'لا ارید ان اعیش', 'بدی موت', 'ارید ان اموت', 'اموت', 'ente7ar', 'inti7ar', 'intihar', 'entehar', 'a2tol nafsi', 'bdi mout', 'bedi mout', 'baddi mout', 'bdi moot', 'ma bdi 3ish', 'ma bde 3ish', 'bdi mot'],
    'forced-marriage': ['زواج قسری', 'زواج بالاکراه', 'یجبرونی علی الزواج', 'یجبرنی علی الزواج', 'غصب عنی', 'جرایم الشرف', 'باسم الشرف', 'zawaj 2esri', 'zawaj qasri', 'zawaj ghasb', 'ghasban 3anni', 'ghasb 3anni', 'ygawzoni', 'yjawzoni'],
    gang: ['عصابه', 'عصابات', 'العصابه', '3isaba', '3esaba', '3asaba', 'gang'],
    radicalisation: ['تطرف', 'متطرف', 'داعش', 'الجهاد', 'تجنید', 'یجندون', 'جماعه ارهابیه', 'منظمه ارهابیه', 'daesh', 'dae3sh', 'da3esh', 'mutatarref', 'motataref'],
    'sexual-violence': ['اغتصاب', 'اغتصبنی', 'تحرش', 'یتحرش', 'ightisab', 'eghtisab', 'ta7arosh', 'ta7arrush'],
    stalking: ['یلاحقنی', 'یتبعنی', 'یراقبنی', 'byela7a2ni', 'yla7i2ni'],
  },
  fa: {
    'domestic-violence': ['کتک', 'کتکم', 'منو میزنه', 'منو زد', 'منو میزنن', 'میزنتم', 'خشونت', 'خشونت خانگی', 'kotak', 'kotakam', 'mano mizane', 'mano mizanan', 'mizanatam', 'mano zad', 'khoshoonat', 'khoshunat'],
    threat: ['میکشمت', 'میکشنم', 'منو بکشه', 'منو میکشه', 'منو بکشن', 'بکشتم', 'کشتن', 'تهدید', 'تهدیدم', 'چاقو', 'اسلحه', 'تفنگ', 'mikoshamet', 'mano mikoshe', 'mano bokoshe', 'mikoshanam', 'tahdid', 'chaghoo', 'chaqu', 'chaghu', 'aslahe', 'tofang'],
    'self-harm': ['خودکشی', 'خودمو بکشم', 'خودم رو بکشم', 'نمیخوام زنده باشم', 'نمیخوام زندگی کنم', 'میخوام بمیرم', 'ارزوی مرگ', 'به خودم اسیب', 'khodkoshi', 'khodkoshi', 'khodamo bokosham', 'mikham bemiram', 'mikhaam bemiram', 'nemikham zende basham', 'nemikham zendegi konam'],
    'forced-marriage': ['ازدواج اجباری', 'مجبورم میکنن ازدواج', 'به زور شوهرم', 'به زور ازدواج', 'ناموس', 'قتل ناموسی', 'ezdevaj ejbari', 'be zoor ezdevaj', 'majbooram mikonan', 'namoos', 'namus'],
    gang: ['باند', 'باندها', 'گروه تبهکار', 'گنگ', 'gang'],
    radicalisation: ['افراطی', 'تندرو', 'داعش', 'جهاد', 'گروه تروریستی', 'efrati', 'tondro', 'daesh'],
    'sexual-violence': ['تجاوز', 'ازار جنسی', 'تجاوز جنسی', 'tajavoz', 'azar jensi'],
    stalking: ['تعقیبم', 'دنبالم میکنه', 'دنبالم میاد', 'دنبالم', 'taghibam', 'donbalam mikone', 'donbalam miad', 'donbalam'],
  },
  ur: {
    'domestic-violence': ['مجھے مارتا', 'مجھے مارتی', 'مجھے مارا', 'مجھے مارتے', 'ہمیں مارتا', 'مار پیٹ', 'مارپیٹ', 'تشدد', 'گھریلو تشدد', 'پٹائی', 'hamein marta', 'humein marta', 'mujhe marte', 'mujhe marta', 'mujhe maarta', 'mujhe mara', 'mujhe maara', 'maar peet', 'mar peet', 'maarpeet', 'tashaddud', 'pitai'],
    threat: ['جان سے مار', 'مار ڈالوں', 'مار ڈالے', 'مار دے گا', 'قتل', 'دھمکی', 'دھمکیاں', 'چاقو', 'چھری', 'اسلحہ', 'پستول', 'jaan se maar', 'jan se maar', 'jaan se mar', 'maar dalega', 'mar dalega', 'maar dunga', 'qatal', 'qatl', 'dhamki', 'dhamkiyan', 'dhamkian', 'chaku', 'chaaku', 'churi', 'chhuri', 'pistol'],
    'self-harm': ['خودکشی', 'خود کشی', 'مرنا چاہتا', 'مرنا چاہتی', 'جینا نہیں چاہتا', 'جینا نہیں چاہتی', 'خود کو نقصان', 'اپنی جان لے', 'khudkushi', 'khudkashi', 'khud kushi', 'khudkishi', 'marna chahta', 'marna chahti', 'jeena nahi chahta', 'jeena nahi chahti', 'jina nahi chahta', 'jina nahi chahti', 'apni jaan', 'khud ko nuqsan'],
    'forced-marriage': ['زبردستی شادی', 'جبری شادی', 'زبردستی نکاح', 'غیرت', 'zabardasti shadi', 'zabardasti shaadi', 'zabardasti nikah', 'jabri shadi', 'ghairat', 'gherat'],
    gang: ['گینگ', 'گروہ میں شامل', 'gang', 'giroh'],
    radicalisation: ['انتہا پسند', 'شدت پسند', 'داعش', 'دہشت گرد تنظیم', 'intiha pasand', 'shiddat pasand', 'daesh'],
    'sexual-violence': ['زیادتی', 'ریپ', 'جنسی زیادتی', 'ziyadti', 'zyadti', 'rape'],
    stalking: ['پیچھا کرتا', 'پیچھا کر رہا', 'پیچھا کرتی', 'میرا پیچھا', 'peecha karta', 'picha karta', 'peecha kar raha', 'mera peecha', 'mera picha', 'peecha karti'],
  },
  pl: {
    'domestic-violence': ['bije mnie', 'bił mnie', 'biła mnie', 'bije moj*', 'bije nas', 'bije dzieci', 'pobił*', 'pobity', 'pobita', 'przemoc*', 'znęca*', 'kopie mnie', 'dusi mnie', 'dusił mnie'],
    threat: ['zabije', 'zabiję', 'zabić', 'zabiją', 'zabic', 'grozi mi', 'grozi*', 'groźb*', 'nóż', 'noża', 'nożem', 'broń', 'bronią', 'pistolet*'],
    'self-harm': ['samobój*', 'zabić się', 'zabije się', 'nie chcę żyć', 'nie chce mi się żyć', 'chcę umrzeć', 'okalecz*', 'tnę się', 'ciąć się', 'tne sie', 'skończyć ze sobą', 'odebrać sobie życie'],
    'forced-marriage': ['przymusow* małżeństw*', 'zmuszają mnie do ślubu', 'zmusza mnie do ślubu', 'zmuszają do małżeństwa', 'wydać mnie za mąż', 'honor rodziny'],
    gang: ['gang*', 'gangster*', 'werbują', 'zwerbowa*', 'sprzedaje narkotyki', 'diler*'],
    radicalisation: ['radykaliz*', 'ekstremi*', 'dżihad*', 'terroryst*'],
    'sexual-violence': ['gwałt*', 'zgwałc*', 'molest*', 'wykorzystał mnie', 'napaść seksualn*', 'dotyka mnie'],
    stalking: ['śledzi mnie', 'prześladuj*', 'stalk*', 'chodzi za mną'],
  },
  so: {
    'domestic-violence': ['i garaac*', 'ii garaac*', 'i dhuftay', 'i dhufta', 'i dhabaqay', 'rabshad*', 'xadgudub*', 'tacadi*', 'gacan ka hadal', 'i jirdilay', 'jirdil*'],
    threat: ['i dil*', 'dilayaa', 'dili doona', 'dilaya', 'ku dil*', 'hanjabaad*', 'igu hanjab*', 'mindi', 'mindidii', 'bastoolad'],
    'self-harm': ['is dil*', 'isdil*', 'naftayda qaad*', 'inaan dhinto', 'waan dhiman', 'dhimasho rabaa', 'ma rabo inaan noolaado', 'nolosha ka daalay', 'is waxyeel*'],
    'forced-marriage': ['guur qasab*', 'guur khasab*', 'igu qasbayaan guur', 'la i guursiin*'],
    gang: ['burcad*', 'koox burcad*', 'gang', 'kooxaha dembiil*'],
    radicalisation: ['xagjir*', 'al shabaab', 'alshabaab', 'argagix*', 'jihaad*'],
    'sexual-violence': ['kufsi*', 'kufsad*', 'faraxumeyn*'],
    stalking: ['i daba socd*', 'iga daba', 'i raacaya'],
  },
  tr: {
    'domestic-violence': ['beni dövüyor', 'dövüyor', 'dövüyo', 'dövdü', 'dövecek', 'dövüldüm', 'dövülüyor', 'dayak', 'dayak atıyor', 'şiddet*', 'aile içi şiddet', 'tokat atıyor', 'boğazımı sıktı'],
    threat: ['öldürecek', 'öldürür', 'öldürmek', 'öldürürüm', 'öldüreceğim', 'öldürece*', 'beni öldür*', 'tehdit*', 'bıçak*', 'silah*', 'tabanca*'],
    'self-harm': ['intihar*', 'kendimi öldür*', 'yaşamak istemiyorum', 'ölmek istiyorum', 'kendime zarar', 'canıma kıy*', 'bileklerimi kes*'],
    'forced-marriage': ['zorla evlendir*', 'beni evlendir*', 'zorla evlilik', 'zorla evlen*', 'namus*', 'töre', 'töre cinayet*', 'başlık parası'],
    gang: ['çete*', 'torbacı*', 'uyuşturucu sat*'],
    radicalisation: ['radikal*', 'cihat*', 'cihad*', 'terör*', 'işid', 'deaş'],
    'sexual-violence': ['tecavüz*', 'cinsel taciz*', 'tacize uğra*', 'cinsel saldırı*', 'istismar*'],
    stalking: ['takip ediyor', 'peşimde', 'beni izliyor', 'peşimden'],
  },
  uk: {
    'domestic-violence': ['б є мене', 'бє мене', 'бив мене', 'била мене', 'б ють', 'побив*', 'побила', 'насильств*', 'насилля', 'знущає*', 'бьет меня', 'бил меня', 'избива*', 'душить мене'],
    threat: ['вб ю', 'вбю', 'вбити', 'вб є', 'вбє', 'вбиват*', 'уб ю', 'убью', 'убить', 'убьет', 'погрож*', 'угрож*', 'ножем', 'ножа', 'ножі', 'нож', 'зброя', 'зброю', 'оружие', 'пістолет'],
    'self-harm': ['самогубств*', 'суїцид*', 'суицид*', 'самоубийств*', 'не хочу жити', 'не хочу жить', 'хочу померти', 'хочу умереть', 'покінчити з собою', 'покончить с собой', 'ріжу себе', 'режу себя', 'себе шкоду', 'накласти на себе руки'],
    'forced-marriage': ['примусов* шлюб*', 'змушують вийти заміж', 'змушують одружитися', 'насильно видати заміж', 'принудительный брак'],
    gang: ['банда', 'банди', 'банду', 'бандит*', 'угрупован*', 'вербують', 'завербува*'],
    radicalisation: ['радикал*', 'екстреміст*', 'экстремист*', 'терорист*', 'террорист*', 'джихад*'],
    'sexual-violence': ['зґвалтув*', 'згвалтув*', 'изнасил*', 'домага*', 'сексуальне насильство'],
    stalking: ['переслідує', 'стежить за мною', 'ходить за мною', 'преследует', 'следит за мной'],
  },
};

/**
 * Weaker signals (fear, danger, police): alone they do not make a message urgent — "I'm afraid my son is bored"
 * is not a crisis — but together with a confident `counsellor` prediction they do.
 */
export const SOFT_DANGER_TERMS: Record<Lang, string[]> = {
  da: ['bange', 'angst for', 'i fare', 'farlig*', 'ikke tryg', 'utryg', 'politiet', 'ringe til politiet', 'hjælp mig nu', 'akut'],
  en: ['afraid', 'scared', 'frightened', 'danger*', 'unsafe', 'not safe', 'police', 'help me now', 'urgent', 'emergency'],
  ar: ['خایف', 'خایفه', 'خطر', 'مش امن', 'الشرطه', 'البولیس', 'khayef', 'khayfe', '5ayef', '5ayfe', 'khatar', 'shorta'],
  fa: ['میترسم', 'ترس', 'خطر', 'امن نیست', 'پلیس', 'mitarsam', 'khatar', 'police'],
  ur: ['ڈر لگ', 'ڈرتی', 'ڈرتا', 'خطرہ', 'خطرے', 'پولیس', 'dar lagta', 'dar lagti', 'darti hoon', 'darta hoon', 'khatra', 'khatre', 'police'],
  pl: ['boję się', 'boje sie', 'niebezpiecz*', 'strach', 'policj*', 'nie czuję się bezpiecznie'],
  so: ['cabsi', 'waan baqayaa', 'baqdin', 'khatar', 'booliis*', 'ammaan ma'],
  tr: ['korkuyorum', 'korku', 'tehlike*', 'güvende değil*', 'polis*', 'acil'],
  uk: ['боюся', 'боюсь', 'небезпе*', 'страшно', 'поліці*', 'полиц*'],
};
