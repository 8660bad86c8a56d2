import { normalizeText } from '../language/normalize';

/**
 * A small cross-language lexicon: words that mean the same thing in our nine languages map to one concept
 * feature ("nabo", "neighbour", "جار", "همسایه", "sąsiad", "komşu", "сусід", "deris", "پڑوسی" -> NEIGHBOUR).
 * The recogniser then learns what NEIGHBOUR says about a route from the phrases of all languages at once, so a
 * Farsi message about a neighbour benefits from the Danish and English phrases too.
 *
 * Same term syntax as the safety lists: compared after `normalizeText`; `*` = word prefix; Arabic-script terms
 * also match with a proclitic (و ب ال ...) in front and any ending.
 */
const LEXICON: Record<string, string[]> = {
  INTERPRETER: [
    'tolk*', 'interpret*', 'translat*', 'oversæt*', 'oversat*', 'tłumacz*', 'tercüman*', 'çevirmen*', 'çevir*', 'перекладач*', 'переклад*', 'перевод*',
    'turjubaan*', 'turjumaan*', 'turjum*', 'tarjuma*', 'mutarjim*', 'motarjem*', 'mutarjam*', 'tarjam*', 'tarjem*', 'yetarjem*', 'ترجم', 'مترجم',
    'ترجمان', 'ترجمه', 'tolken', 'dolmetsch*',
  ],
  UNDERSTAND: [
    'forstå*', 'forsta*', 'understand*', 'rozumie*', 'rozumi*', 'anla*', 'розумі*', 'понима*', 'فهم', 'یفهم', 'بفهم', 'متوجه', 'سمجھ', 'samajh*', 'samaj',
    'fahm*', 'garan*', 'fahan*', 'read', 'læse', 'laese', 'czytać', 'czytac', 'okuy*', 'прочита*', 'اقرا', 'بخون', 'پڑھ', 'parh*', 'bekhoon*', 'akhri*',
  ],
  LETTER: [
    'brev*', 'letter*', 'eboks', 'e boks', 'digital post', 'pismo', 'pisma', 'list', 'mektup*', 'yazı', 'лист*', 'رساله', 'رسالة', 'نامه', 'خط', 'ورقه',
    'khat', 'warqad*', 'waraqa', 'nameh', 'مکتوب', 'chitthi', 'چٹھی',
  ],
  HEALTH: [
    'læge*', 'laege*', 'doctor*', 'gp', 'hospital*', 'sygehus*', 'tandlæge*', 'tandlaege*', 'dentist*', 'طبیب', 'دکتور', 'دکتر', 'ڈاکٹر', 'مستشفی', 'بیمارستان',
    'ہسپتال', 'هسپتال', 'lekarz*', 'szpital*', 'doktor*', 'hastane*', 'лікар*', 'врач*', 'dhakhtar*', 'isbitaal*', 'cisbitaal*', 'daktar*', 'doctor', 'daktari',
    'tabib', 'tbib', 'mostashfa', 'bimarestan', 'hospital', 'haspataal', 'aspataal', 'jordemoder*', 'midwife', 'psykiater*', 'psychiat*',
  ],
  SCHOOL: [
    'skole*', 'school*', 'teacher*', 'lærer*', 'laerer*', 'forældremøde*', 'foraeldremode*', 'skole hjem', 'مدرسه', 'المدرسه', 'معلم', 'اسکول', 'school',
    'szkoł*', 'szkol*', 'nauczyciel*', 'okul*', 'öğretmen*', 'ogretmen*', 'школ*', 'вчител*', 'dugsi*', 'macallin*', 'madrasa', 'madrese', 'ustad*',
  ],
  KOMMUNE: [
    'kommune*', 'municipal*', 'council', 'jobcenter*', 'borgerservice', 'sagsbehandler*', 'caseworker*', 'social worker', 'بلدیه', 'البلدیه', 'شهرداری', 'گمینه',
    'gmina', 'urzęd*', 'urzed*', 'belediye*', 'муніципалітет*', 'комуна*', 'komun*', 'dowlad hoose',
  ],
  NEIGHBOUR: [
    'nabo*', 'neighbo*', 'جار', 'جاری', 'جیران', 'جیرانی', 'همسایه', 'hamsaye*', 'hamsaaye*', 'hamsayeh*', 'پڑوس', 'پڑوسی', 'padosi*', 'parosi*', 'paros',
    'sąsiad*', 'sasiad*', 'komşu*', 'komsu*', 'сусід*', 'сосед*', 'deris*', 'jaar*', 'jarna', 'jiran*', 'jeeran*', 'nabolag*', 'opgang*', 'stairwell', 'upstairs',
    'downstairs', 'ovenpå', 'ovenpa', 'nedenunder', 'boligforening*', 'klatka', 'merdiven*', 'під їзд*', 'підїзд*',
  ],
  NOISE: [
    'larm*', 'støj*', 'stoj*', 'noise*', 'noisy', 'loud*', 'ضجه', 'ازعاج', 'صوت', 'سروصدا', 'صدا', 'شور', 'شور و غل', 'ڈیٹا', 'ہلا گلا', 'شور شرابہ', 'shor*',
    'hałas*', 'halas*', 'głośn*', 'glosn*', 'gürültü*', 'gurultu*', 'шум*', 'галас*', 'qaylo*', 'buuq*', 'sar o seda', 'sarosada', 'seda', 'sada', 'dauk', 'da3we',
    'sawt', 'bank på', 'banker på', 'knocking', 'stuk*', 'тарабан*',
  ],
  CONFLICT: [
    'konflikt*', 'conflict*', 'dispute*', 'uenig*', 'skændes', 'skaendes', 'argu*', 'quarrel*', 'fight with', 'خلاف', 'مشکله', 'مشاکل', 'دعوا', 'دعوی', 'مشاجره',
    'جھگڑ*', 'jhagra*', 'jhagda*', 'kłótni*', 'klotni*', 'kłóc*', 'kloc*', 'kavga*', 'tartış*', 'tartis*', 'конфлікт*', 'сварк*', 'свар*', 'khilaaf*', 'muran*',
    'mægling*', 'maegling*', 'mediat*', 'mediacj*', 'arabulucu*', 'медіац*', 'وساطه', 'میانجی', 'ثالث', 'صلح', 'sulh', 'solh', 'dava', 'da3wa', 'khilaf',
  ],
  DISCRIMINATION: [
    'diskrimin*', 'discrimin*', 'racis*', 'racist*', 'rasis*', 'rasist*', 'racism*', 'dyskrymin*', 'ayrımcı*', 'ayrimci*', 'ırkçı*', 'irkci*', 'дискриміна*',
    'дискримина*', 'расизм*', 'расист*', 'عنصری', 'العنصریه', 'تمییز', 'تمیز عنصری', 'تبعیض', 'نژادپرست*', 'نژاد پرست*', 'نسل پرست*', 'نسلی', 'امتیازی سلوک',
    'تعصب', 'taassub', 'ta3assub', 'tamyiz', 'tamyeez', '3onsori*', '3unsuri*', 'onsori*', 'tabiz', 'tab iz', 'nezhadparast*', 'nasal parast*', 'takoor*', 'midab*',
    'cunsuri*', 'unfair*', 'uretfærdig*', 'uretfaerdig*', 'niesprawiedliw*', 'haksız*', 'haksiz*', 'несправедлив*', 'ظلم', 'ناانصافی', 'نا انصافی', 'zulm',
    'behandlet anderledes', 'forskelsbehandl*', 'treated differently', 'klage*', 'complain*', 'complaint*', 'skarga', 'skarg*', 'şikayet*', 'sikayet*', 'скарг*',
    'شکایه', 'شکوی', 'شکایت', 'shikayat*', 'shekayat*', 'cabasho*', 'ligebehandling*', 'rettigheder', 'rights', 'prawa', 'hakkım', 'haklarım', 'hakkim', 'haklarim', 'права', 'حقوق', 'huquq',
  ],
  IDENTITY: [
    'hudfarve*', 'farve', 'tørklæde*', 'torklaede*', 'hijab*', 'headscarf*', 'muslim*', 'religion*', 'skin', 'colour', 'color', 'accent*', 'accent', 'etnic*',
    'ethnic*', 'etnisk*', 'navn', 'my name', 'mit navn', 'black', 'brown', 'حجاب', 'مسلم', 'بشره', 'لون', 'روسری', 'مذهب', 'رنگ پوست', 'rang', 'rang e',
    'chust*', 'skór*', 'skor*', 'pochodzen*', 'akcent*', 'başörtü*', 'basortu*', 'türban*', 'turban*', 'ten reng*', 'ırk*', 'хустк*', 'шкір*', 'походжен*', 'акцент*',
    'xijaab*', 'diin*', 'madow', 'gay', 'bøsse', 'bosse', 'homo*', 'lesb*', 'trans*', 'handicap*', 'disab*', 'kørestol*', 'korestol*', 'wheelchair', 'døv', 'dov', 'deaf',
    'alder', 'ساله', 'gammel*', 'kolor', 'renk*', 'колір', 'afghan*', 'arab*', 'arabere', 'somali*', 'ukrain*', 'polak*', 'turk*', 'pakistan*',
  ],
  ENTRY: [
    'dørmand*', 'dormand*', 'bouncer*', 'diskotek*', 'natklub*', 'nightclub*', 'club door', 'bar', 'afvist*', 'nægte*', 'naegte*', 'refus*', 'rejected',
    'lukke ind', 'let in', 'adgang', 'entry', 'wpuści*', 'wpusci*', 'odmów*', 'odmow*', 'içeri almad*', 'iceri almad*', 'reddet*', 'не пустил*', 'не пустили',
    'відмов*', 'رفض', 'ما دخلون*', 'منعون*', 'راه ندادن', 'رد کرد*', 'انکار', 'rad kar*', 'diidd*', 'ma ii ogolaan*',
  ],
  WORK: [
    'job*', 'arbejd*', 'work*', 'employer*', 'interview*', 'jobsamtale*', 'ansøg*', 'ansog*', 'praktik*', 'kollega*', 'colleague*', 'chef*', 'boss*', 'manager*',
    'bolig*', 'lejlighed*', 'apartment*', 'flat', 'landlord*', 'udlejer*', 'rent', 'husleje*', 'عمل', 'شغل', 'وظیفه', 'کار', 'کارفرما', 'نوکری', 'naukri*', 'kaam',
    'shoghl*', 'sho8l*', 'praca', 'pracy', 'prac*', 'pracodawc*', 'mieszkan*', 'iş', 'is yeri', 'işe', 'işveren*', 'isveren*', 'ev sahib*', 'работ*', 'робот*',
    'роботодав*', 'квартир*', 'shaqo*', 'guri', 'kiro*', 'سکن', 'شقه', 'خانه', 'makaan', 'مکان', 'کرایه', 'kerayeh', 'kraye',
  ],
  POLICE: ['politi*', 'police*', 'policj*', 'polis*', 'поліці*', 'полиц*', 'شرطه', 'الشرطه', 'بولیس', 'پلیس', 'پولیس', 'shorta', 'shurta', 'booliis*', 'bolis'],
  CLUB: [
    'klub*', 'club*', 'fritid*', 'fritidsjob*', 'leisure', 'activit*', 'aktivitet*', 'fodbold*', 'football*', 'soccer', 'sport*', 'gaming', 'gamer*', 'lektie*', 'wypracowa*', 'prace domow*', 'pracę domow*', 'ödev*', 'odev*', 'домашн*', 'casharr*', 'تکالیف', 'مشق', 'ہوم ورک', 'واجبات', 'takalif',
    'homework', 'workshop*', 'værested*', 'vaersted*', 'ungdomsskole*', 'نادی', 'نوادی', 'کلب', 'کرة', 'الکره', 'فوتبال', 'فٹبال', 'ورزش', 'باشگاه', 'کھیل', 'khel*',
    'nadi', 'nady', 'zajęci*', 'zajec*', 'piłk*', 'pilk*', 'świetlic*', 'swietlic*', 'kulüp*', 'kulup*', 'futbol*', 'spor*', 'etkinlik*', 'клуб*', 'секці*', 'гурт*',
    'футбол*', 'спорт*', 'naadi*', 'kubad*', 'ciyaar*', 'isboorti*', 'boksning', 'boxing', 'dans*', 'dance', 'تمرین', 'تمارین', 'homework cafe', 'لکچر',
  ],
  GAMING: [
    'gaming', 'gamer*', 'computerspil*', 'spille computer', 'games', 'video game*', 'playstation', 'ps5', 'fifa', 'esport*', 'e sport*', 'lan', 'gry', 'gier', 'grać',
    'grac', 'oyun*', 'ігр*', 'ігри', 'комп ютерн*', 'ciyaaraha', 'بازی', 'گیم', 'gaym', 'العاب', 'الالعاب', 'al3ab', 'bazi', 'game', 'گیمز',
  ],
  LEISURE_JOB: [
    'fritidsjob*', 'job ved siden af', 'lommepenge', 'tjene penge', 'tjene lidt', 'earn money', 'earn a bit', 'pocket money', 'part time', 'side job', 'first job',
    'dorywcz*', 'zarobi*', 'kieszonkow*', 'harçlık', 'harclik', 'para kazan*', 'part time iş', 'підробіт*', 'заробит*', 'кишеньков*', 'lacag samee*', 'shaqo yar',
    'شغل صغیر', 'مصروف', 'اشتغل', 'پول تو جیبی', 'کار پاره وقت', 'پیسے کما*', 'paise kama*', 'pese kama*', 'pool dar biyar*', 'kar nime vaght', 'masroof',
  ],
  CREATIVE: [
    'musik', 'music', 'sang', 'synge', 'sing*', 'band', 'dans', 'danse', 'tegne', 'draw*', 'art', 'kunst', 'teater', 'theatre', 'theater', 'muzyk*', 'śpiew*',
    'spiew*', 'taniec', 'tańcz*', 'tancz*', 'rysow*', 'müzik*', 'muzik*', 'şarkı*', 'sarki*', 'resim*', 'tiyatro', 'музик*', 'співа*', 'танц*', 'малюва*', 'театр*',
    'heeso*', 'hees', 'qoob ka ciyaar*', 'sawir*', 'موسیقی', 'اواز', 'رقص', 'نقاشی', 'موسیقا', 'غناء', 'رسم', 'مسرح', 'گانا', 'گانے', 'ڈرائنگ', 'تھیٹر',
    'moosighi', 'musighi', 'raghs', 'naghashi', 'gana', 'gaana', 'mosi2a', 'ghina', 'creative', 'kreativ*', 'workshop*', 'værksted*',
  ],
  GIRLS: [
    'pigegruppe*', 'pigeklub*', 'piger', 'pige', 'girls', 'girl', 'dziewczyn*', 'dziewczęt*', 'kızlar*', 'kizlar*', 'kız', 'дівча*', 'дівчат*', 'gabdh*', 'hablo',
    'بنات', 'البنات', 'دختران', 'دخترا', 'لڑکیاں', 'لڑکیوں', 'larkiyan', 'larkiyon', 'banat', 'dokhtara',
  ],
  DISABILITY: [
    'handicap*', 'kørestol*', 'korestol*', 'døv', 'dov', 'blind', 'disab*', 'deaf', 'wheelchair', 'niepełnospraw*', 'niepelnospraw*', 'głuch*', 'gluch*', 'wózek', 'wozek',
    'engelli*', 'sağır', 'sagir', 'tekerlekli sandalye', 'інвалід*', 'глух*', 'візок', 'naafo*', 'dhego la', 'معاق', 'اعاقه', 'معلول*', 'ناشنوا', 'ویلچر', 'معذور',
    'بہرا', 'بہری', 'وہیل چیئر', 'ma3a2', 'mo3a2', 'mazoor', 'mazur', 'bahra', 'ashnava', 'tegnsprog*', 'sign language',
  ],
  AGE: [
    'for gammel', 'too old', 'yngre', 'younger', 'alder', 'my age', 'min alder', 'wiek*', 'młodsz*', 'mlodsz*', 'za stary', 'za stara', 'yaşım*', 'yasim*', 'yaşlı*',
    'yasli*', 'daha genç', 'вік*', 'молодш*', 'застар*', 'gabow*', 'cimri*', 'کبر السن', 'عمری', 'سنم', 'جوانتر', 'عمر کی وجه', 'عمر زیاد', 'umar', 'umr', 'jawantar',
  ],
  SHOP: [
    'butik*', 'shop*', 'store', 'supermarked*', 'netto', 'føtex', 'fotex', 'sklep*', 'mağaza*', 'magaza*', 'market*', 'магазин*', 'dukaan*', 'دکان', 'متجر',
    'سوبرمارکت', 'فروشگاه', 'مغازه', 'سٹور', 'maghaze', 'foroshgah', 'vagt*', 'security', 'guard*', 'ochron*', 'güvenlik*', 'guvenlik*', 'охорон*', 'ilaalo*',
    'حارس', 'نگهبان', 'گارڈ', 'haris', 'negahban',
  ],
  STOPPED: [
    'stoppet', 'stopped', 'visiteret', 'visitation*', 'searched', 'frisked', 'id kontrol*', 'zatrzyma*', 'legitymow*', 'przeszuk*', 'durdur*', 'üst arama*', 'ust arama*',
    'kimlik sor*', 'зупиня*', 'обшук*', 'joojiy*', 'فتش', 'فتشونی', 'وقفونی', 'تفتیش', 'بازرسی', 'روکا', 'تلاشی', 'fattash*', 'wa22afuni', 'talashi', 'bazrasi',
  ],
  YOUNG: [
    'ung', 'unge', 'ungdom*', 'teen*', 'youth', 'kids', 'kid', 'søn', 'son', 'datter', 'daughter', 'barn', 'børn', 'born', 'boern', 'child*', 'مراهق', 'شباب', 'ولد',
    'ابنی', 'بنتی', 'اولاد', 'نوجوان', 'پسر', 'دختر', 'بچه', 'بچے', 'بیٹا', 'بیٹی', 'beta', 'beti', 'bache', 'bachay', 'bachon', 'pesar*', 'dokhtar*', 'bache',
    'ibni', 'ebni', 'binti', 'bnti', 'wlad', 'awlad', 'syn', 'córk*', 'cork*', 'dzieck*', 'dzieci', 'młodzież*', 'mlodziez*', 'nastolat*', 'oğlum', 'oglum', 'kızım',
    'kizim', 'çocu*', 'cocu*', 'genç*', 'genc*', 'син', 'сина', 'донь*', 'дочк*', 'діти', 'дітей', 'дитин*', 'підліт*', 'молод*', 'wiil*', 'gabadh*', 'caruur*',
    'carruur*', 'dhalinyar*', 'år', 'aar', 'years old', 'lat', 'yaşında', 'yasinda', 'років', 'sano', 'sal', 'saal', 'سال', 'سنه', 'sana', 'jir',
  ],
  BORED: [
    'keder*', 'kedelig*', 'bored*', 'boring', 'nothing to do', 'intet at lave', 'ingenting at lave', 'zahqan', 'zah2an', 'ملل', 'زهقان', 'زهق', 'حوصله', 'hosele*',
    'bor', 'بور', 'boriyat', 'nudz*', 'nudno', 'sıkıl*', 'sikil*', 'canım sıkıl*', 'нудно', 'нудьг*', 'caajis*', 'efter skole', 'after school', 'po szkole', 'okuldan sonra',
    'після школи', 'bad az madrese', 'ba3d el madrase', 'school ke baad', 'weekend*', 'weekenden', 'hafta sonu', 'вихідн*', 'آخر الاسبوع', 'تعطیلات', 'ferie*',
    'holiday*', 'wakaa', 'aften*', 'evening*', 'tonight', 'i aften',
  ],
  PERSON: [
    'person', 'personer', 'human', 'menneske*', 'medarbejder*', 'rådgiver*', 'raadgiver*', 'radgiver*', 'someone', 'somebody', 'employee', 'staff', 'advis*',
    'counsel*', 'real person', 'rigtig*', 'شخص', 'انسان', 'موظف', 'حدا', 'حد', 'ادم', 'کارمند', 'مشاور', 'بندہ', 'بندے', 'کوئی', 'آدمی', 'ادمی', 'osob*', 'człowiek*',
    'czlowiek*', 'pracownik*', 'doradc*', 'konsultant*', 'kişi*', 'kisi*', 'insan*', 'görevli*', 'gorevli*', 'danışman*', 'danisman*', 'biri', 'birisi', 'людин*',
    'працівник*', 'консультант*', 'оператор*', 'живою', 'qof', 'shaqaale*', 'la taliye*', 'banda', 'bande', 'koi', 'insaan', 'shakhs', '7ada', '7ad', 'hada',
    'karmand*', 'adam', 'adami', 'moshaver*', 'bot', 'robot*', 'robot', 'chatbot',
  ],
  // Indefinite "someone": a request for a person when the message is short, but also "someone parks in my spot".
  SOMEONE: [
    'nogen', 'nogle', 'anyone', 'anybody', 'kimś', 'kims', 'kogoś', 'kogos',
    'ktoś', 'ktos', 'یکی', 'یک نفر', 'یه نفر', 'nafar', 'yeki', 'yekí', 'کسی', 'kisi', 'kisi se', 'кимось', 'когось', 'хтось', 'кем то', 'кого то', 'shaqaalah*',
    'اسٹاف', 'اسٹاف ممبر', 'birisiyle', 'biriyle', 'birileri*', 'احد', 'حدا', 'شخصا', 'wahad', 'wa7ad', 'qof la', 'qofka', 'sagsbehandler*',
  ],
  TALK: [
    'tale', 'snak*', 'talk*', 'speak*', 'احکی', 'احکیلی', 'احکی مع', 'تکلم', 'اتکلم', 'حرف بزن*', 'حرف', 'صحبت*', 'بات', 'baat*', 'rozmaw*', 'porozmaw*', 'pogada*',
    'konuş*', 'konus*', 'поговор*', 'розмов*', 'hadal*', 'la hadl*', 'e7ki', 'ehki', 'a7ki', 'sohbat*', 'harf bezan*', 'baat karni', 'ring*', 'call', 'zadzwoń*', 'arayın', 'arar mısın', 'arayabilir*',
    'подзвон*',
  ],
  OFFTOPIC: [
    'vejr*', 'weather', 'skat', 'skattekort*', 'tax*', 'pension*', 'passport*', 'visa', 'bus*', 'tog', 'train*', 'bank*', 'opskrift*', 'recipe*', 'cook*',
    'hovedstad*', 'capital', 'joke*', 'vittighed*', 'sjov*', 'funny', 'mobil*', 'abonnement*', 'phone plan', 'flight*', 'billet*', 'ticket*', 'result*',
    'resultat*', 'kamp*', 'match*', 'score*', 'طقس', 'الطقس', 'ضریبه', 'ضرایب', 'باص', 'قطار', 'جواز', 'هوا', 'مالیات', 'اتوبوس', 'پاسپورت', 'موسم', 'ٹیکس',
    'بس', 'ٹرین', 'پاسپورٹ', 'بینک', 'بانک', 'بنک', 'وصفه', 'طبخ', 'دستور پخت', 'آشپزی', 'pogod*', 'podat*', 'autobus*', 'pociąg*', 'pociag*', 'paszport*',
    'przepis*', 'hava', 'vergi*', 'otobüs*', 'otobus*', 'tren*', 'pasaport*', 'tarif*', 'yemek*', 'погод*', 'податк*', 'автобус*', 'потяг*', 'паспорт*', 'рецепт*',
    'cimilad*', 'canshuur*', 'tareen*', 'baasaboor*', 'mosam', 'mausam', 'hava', 'havaa', 'tax', 'maliat', 'tayyara', 'teyare', 'iphone', 'android', 'netflix',
    'pizza', 'food', 'restaurant*', 'جامع', 'مسجد', 'moske*', 'mosque*', 'meczet*', 'cami*', 'мечет*', 'masjid*', 'salam', 'hej', 'hello', 'hi', 'thanks',
    'tak', 'tusind tak', 'شکرا', 'ممنون', 'مرسی', 'merci', 'اهلا', 'اهلین', 'اهلن', 'مرحبا', 'هلا', 'یسلمو', 'یعطیک العافیه', 'ahlan', 'ahlen', 'marhaba',
    'yislamo', 'درود', 'سلام', 'خداحافظ', 'خدافظ', 'dorood', 'khodahafez', 'siema', 'elo', 'hejka', 'dzień dobry', 'dzien dobry', 'naber', 'nasılsın', 'nasilsin',
    'günaydın', 'gunaydin', 'вітаю', 'добрий день', 'доброго дня', 'nabad', 'iska warran', 'see tahay', 'السلام علیکم', 'شکریہ', 'kaise ho', 'kya haal', 'bye',
    'farvel', 'vi ses', 'hey', 'hallo', 'halløj', 'good morning', 'good night', 'جزاک اللہ', 'jazakallah', 'мерсі', 'آداب', 'اداب', 'adaab', 'تحیات',
    'تحیاتی', 'چه خبر', 'che khabar', 'چطوری', 'hva så', 'hvad så', 'sup', 'whats up', 'co tam', 'jak leci', 'ne haber', 'як справи', 'як ти', 'sidee tahay',
    'کیا حال', 'kya hal', 'kia haal', 'شو الاخبار', 'کیفک', 'کیفک', 'temperatur*', 'grader', 'degrees', 'stopni', 'derece', 'градус*', 'درجه', 'حراره', 'درجه حراره',
    'درجه حرارت', 'gram', 'daraja', 'funny', 'sjov*', 'morsom*', 'śmieszn*', 'smieszn*', 'dowcip*', 'komik*', 'fıkra*', 'fikra*', 'espri*', 'смішн*', 'жарт*',
    'анекдот*', 'qosl*', 'kaftan', 'شوخی', 'لطیفه', 'لطیفہ', 'نکته', 'مزحه', 'نکتہ', 'mazah*', 'mazaa2', 'nokte', 'latifa', 'joke', 'jokes', 'kaise banti', 'kaise banta',
    'kaise banate', 'طریقه عمل', 'طریقة عمل', 'ترکیب', 'dastoor*', 'how to make', 'how do you make', 'hvordan laver', 'jak zrobić', 'jak zrobic', 'nasıl yapılır',
    'nasil yapilir', 'як приготувати', 'sidee loo sameeyaa', 'تعرفه', 'tarifi', 'tarify', 'тариф*', 'internet', 'wifi', 'wi fi', 'shukran', 'shukriya', 'شکریہ', 'dziękuję', 'dziekuje', 'cześć', 'czesc', 'teşekkür*', 'tesekkur*',
    'merhaba', 'selam', 'дякую', 'привіт', 'mahadsanid', 'salaan', 'godmorgen', 'godnat', 'hvordan går det', 'how are you', 'chetori', 'kifak', 'kaise ho',
  ],
};

interface ConceptTerm {
  concept: string;
  core: string;
  pattern: RegExp;
}

const ARABIC_SCRIPT = /[\u0600-\u06FF]/;
const ARABIC_PROCLITICS = '(?:و|ف|ب|ل|ک|ال|وال|بال|فال|لل|کال)?';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const TERMS: ConceptTerm[] = Object.entries(LEXICON).flatMap(([concept, list]) =>
  list.flatMap((raw) => {
    const prefix = raw.endsWith('*');
    const core = normalizeText(raw.replace(/\*$/, ''));
    if (!core) return [];
    const body = escapeRegExp(core);
    const pattern = ARABIC_SCRIPT.test(core)
      ? new RegExp(`(?:^| )${ARABIC_PROCLITICS}${body}`, 'u')
      : new RegExp(`(?:^| )${body}${prefix ? '' : '(?= |$)'}`, 'u');
    return [{ concept, core, pattern }];
  }),
);

// Terms indexed by the first (up to) three letters of their first word, so a message only tests the few
// terms that could start at one of its words (the lexicon has well over a thousand terms).
const KEY_LENGTH = 3;
const BY_KEY = new Map<string, ConceptTerm[]>();
for (const t of TERMS) {
  const key = [...t.core.split(' ')[0]].slice(0, KEY_LENGTH).join('');
  const list = BY_KEY.get(key) ?? [];
  list.push(t);
  BY_KEY.set(key, list);
}
const PROCLITIC_PREFIXES = ['وال', 'بال', 'فال', 'کال', 'لل', 'ال', 'و', 'ف', 'ب', 'ل', 'ک'];

function candidateKeys(word: string): string[] {
  const stems = [word];
  if (ARABIC_SCRIPT.test(word)) for (const p of PROCLITIC_PREFIXES) if (word.startsWith(p) && word.length > p.length) stems.push(word.slice(p.length));
  const keys = new Set<string>();
  for (const stem of stems) {
    const chars = [...stem];
    for (let n = 1; n <= Math.min(KEY_LENGTH, chars.length); n++) keys.add(chars.slice(0, n).join(''));
  }
  return [...keys];
}

/** The concepts named in a normalised message, each once. */
export function conceptsOf(normalized: string): string[] {
  const found = new Set<string>();
  if (!normalized) return [];
  for (const word of new Set(normalized.split(' '))) {
    for (const key of candidateKeys(word)) {
      for (const t of BY_KEY.get(key) ?? []) {
        if (found.has(t.concept) || !normalized.includes(t.core)) continue;
        if (t.pattern.test(normalized)) found.add(t.concept);
      }
    }
  }
  return [...found];
}
