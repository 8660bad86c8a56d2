import type { Lang } from './languages';

/**
 * Everyday words and short sentences per language (and, for Arabic, Farsi and Urdu, as typed in Latin
 * letters). They seed the detector's n-gram profiles next to the training phrases in
 * `locales/<lng>/training/intents.json`, so small talk and function words are covered even where the
 * training phrases are all about our services, and detection works before any locale data exists.
 */
export const SEED_TEXT: Record<Lang, string[]> = {
  da: [
    'hej jeg har brug for hjælp', 'hvad kan du hjælpe med', 'jeg ved ikke hvad jeg skal gøre', 'tak for hjælpen',
    'det er ikke så godt', 'min søn og min datter', 'kan du hjælpe mig med det', 'jeg forstår ikke dansk så godt',
    'hvor kan jeg finde', 'vi bor i en lejlighed', 'hvad skal jeg gøre nu', 'det er meget svært for os', 'godmorgen',
    'jeg vil gerne have', 'er der nogen der kan', 'han siger at jeg', 'hun er ikke hjemme', 'også', 'ikke', 'noget', 'hvordan går det', 'hej hej', 'hva så', 'mange tak', 'selv tak', 'farvel', 'vi ses', 'godaften', 'tusind tak for det',
  ],
  en: [
    'hello i need some help', 'what can you help me with', 'i do not know what to do', 'thank you so much',
    'my son and my daughter', 'can you help me with this', 'where can i find', 'we live in a flat', 'what should i do now',
    'it is very hard for us', 'good morning', 'i would like to', 'is there anyone who can', 'he says that i', 'she is not at home',
    'how are you', 'the', 'and', 'with', 'please', 'thanks', 'because', 'something', 'hi there', 'thanks a lot', 'see you', 'good evening', 'whats up',
  ],
  pl: [
    'dzień dobry potrzebuję pomocy', 'w czym możesz mi pomóc', 'nie wiem co mam zrobić', 'dziękuję bardzo', 'mój syn i moja córka',
    'czy możesz mi w tym pomóc', 'gdzie mogę znaleźć', 'mieszkamy w mieszkaniu', 'co mam teraz zrobić', 'to jest dla nas bardzo trudne',
    'chciałbym', 'chciałabym', 'czy jest ktoś kto może', 'on mówi że ja', 'jej nie ma w domu', 'jak się masz', 'nie', 'jest', 'się', 'proszę',
    'dzien dobry potrzebuje pomocy', 'nie wiem co robic', 'dziekuje', 'cześć', 'siemka', 'do widzenia', 'dobry wieczór', 'co słychać',
  ],
  so: [
    'salaan waxaan u baahanahay caawimaad', 'maxaad igu caawin kartaa', 'ma garanayo waxaan sameeyo', 'aad baad u mahadsantahay',
    'wiilkeyga iyo gabadhayda', 'ma igu caawin kartaa arrintan', 'xaggee ka heli karaa', 'waxaan ku nool nahay guri', 'hadda maxaan sameeyaa',
    'aad bay noogu adag tahay', 'subax wanaagsan', 'waxaan jeclaan lahaa', 'ma jiraa qof awoodaa', 'wuxuu leeyahay', 'guriga ma joogto',
    'see tahay', 'iyo', 'waa', 'ma', 'fadlan', 'mahadsanid', 'maxaa', 'waxaan', 'hooyadey', 'aabbahay', 'haa', 'maya', 'nabadgelyo', 'iska warran', 'waan fiicanahay', 'galab wanaagsan',
  ],
  tr: [
    'merhaba yardıma ihtiyacım var', 'bana nasıl yardım edebilirsin', 'ne yapacağımı bilmiyorum', 'çok teşekkür ederim', 'oğlum ve kızım',
    'bu konuda bana yardım eder misin', 'nerede bulabilirim', 'bir dairede oturuyoruz', 'şimdi ne yapmalıyım', 'bu bizim için çok zor',
    'günaydın', 'istiyorum', 'yapabilecek biri var mı', 'diyor ki ben', 'evde değil', 'nasılsın', 've', 'bir', 'için', 'lütfen', 'ama',
    'merhaba yardima ihtiyacim var', 'ne yapacagimi bilmiyorum', 'tesekkurler', 'nasılsın', 'iyiyim', 'tamam', 'sağol', 'görüşürüz', 'kolay gelsin', 'hoşça kal', 'iyi akşamlar',
  ],
  ar: [
    'مرحبا أحتاج إلى مساعدة', 'كيف يمكنك مساعدتي', 'لا أعرف ماذا أفعل', 'شكرا جزيلا', 'ابني وابنتي', 'هل يمكنك مساعدتي في هذا',
    'أين أجد', 'نحن نسكن في شقة', 'ماذا أفعل الآن', 'هذا صعب جدا علينا', 'صباح الخير', 'أريد', 'بدي', 'هل يوجد أحد يستطيع', 'هو يقول إنني',
    'هي ليست في البيت', 'كيف حالك', 'في', 'من', 'على', 'الى', 'لو سمحت', 'مش', 'شو', 'ليش', 'هيك', 'كتير', 'عم',
    // Latin letters (Arabizi)
    'marhaba ana bde mosa3ade', 'kifak', 'shukran ktir', 'ana mish 3aref shu a3mel', 'ibni w binti', 'wein b2der la2i', 'ana baddi',
    'ana 3ayez', 'ana 3awza', 'momken tsa3edni', 'mumkin', 'ya3ni', 'kaman', 'hay', 'hadi', 'ma3 mama', 'ahlan', 'law sama7t', 'inshallah', 'habibi', 'wallah', 'yalla', 'tayeb', 'mashi', 'khalas', 'shu', 'ya3tik el 3afye', 'tislam', 'ahlan w sahlan', 'sabah el kheir', 'masa el kheir', 'kifak ya zalame', 'shu el akhbar',
    // Egyptian Arabizi
    'ana mehtag', 'ana me7tag', 'ana 3ayez mosa3da', 'fel', 'fi el', 'ezay', 'leh', 'keda', 'delwa2ty', 'bokra', 'ana msh 3aref', 'mesh', 'ma3lesh', 'lel', '3ala', 'men fadlak',
  ],
  fa: [
    'سلام من کمک میخوام', 'چطور میتونی کمکم کنی', 'نمیدونم چیکار کنم', 'خیلی ممنون', 'پسرم و دخترم', 'میتونی تو این مورد کمکم کنی',
    'کجا میتونم پیدا کنم', 'ما تو یه آپارتمان زندگی میکنیم', 'الان چیکار کنم', 'این برای ما خیلی سخته', 'صبح بخیر', 'میخواهم', 'کسی هست که بتونه',
    'اون میگه که من', 'خونه نیست', 'حالت چطوره', 'در', 'از', 'به', 'با', 'لطفا', 'چی', 'چرا', 'خیلی', 'هست', 'نیست', 'است',
    // Latin letters (Finglish)
    'salam man komak mikham', 'chetori', 'kheili mamnoon', 'nemidoonam chikar konam', 'pesaram va dokhtaram', 'koja mitoonam peyda konam',
    'man mikhastam', 'lotfan', 'merci', 'chera', 'kheyli', 'hast', 'nist', 'mikhaam', 'mitoonid', 'madaram', 'baraye', 'ba man', 'azizam', 'khob', 'bashe', 'dastet dard nakone', 'ghorbanet beram', 'chi shode', 'befarmaid', 'khahesh mikonam', 'salamati', 'khodahafez', 'ruz bekheir',
  ],
  ur: [
    'السلام علیکم مجھے مدد چاہیے', 'آپ میری کیا مدد کر سکتے ہیں', 'مجھے نہیں پتا کیا کروں', 'بہت شکریہ', 'میرا بیٹا اور میری بیٹی',
    'کیا آپ اس میں میری مدد کر سکتے ہیں', 'میں کہاں ڈھونڈوں', 'ہم ایک فلیٹ میں رہتے ہیں', 'اب میں کیا کروں', 'یہ ہمارے لیے بہت مشکل ہے',
    'صبح بخیر', 'میں چاہتا ہوں', 'کیا کوئی ہے جو', 'وہ کہتا ہے کہ میں', 'وہ گھر پر نہیں ہے', 'آپ کیسے ہیں', 'ہے', 'کے', 'کی', 'میں', 'نہیں', 'کیا',
    // Latin letters (Roman Urdu)
    'assalam o alaikum mujhe madad chahiye', 'aap meri kya madad kar sakte hain', 'mujhe nahi pata kya karun', 'bohat shukriya',
    'mera beta aur meri beti', 'main kahan dhoondun', 'hum aik flat mein rehte hain', 'ab main kya karun', 'yeh hamare liye bohat mushkil hai',
    'mujhe chahiye', 'kya koi hai', 'woh kehta hai', 'ghar par nahi hai', 'aap kaise hain', 'hai', 'nahi', 'kya', 'mujhe', 'hamein', 'karna hai', 'yaar', 'kya masla hai', 'masla', 'bhai', 'janab', 'theek hai', 'acha', 'ji', 'kuch', 'bohat', 'zyada', 'koi baat nahi', 'khuda hafiz', 'mehrbani', 'salaam bhai',
  ],
  uk: [
    'привіт мені потрібна допомога', 'чим ви можете допомогти', 'я не знаю що робити', 'дуже дякую', 'мій син і моя донька', 'де я можу знайти',
    'ми живемо в квартирі', 'що мені тепер робити', 'це дуже важко для нас', 'доброго ранку', 'я хочу', 'чи є хтось хто може', 'він каже що я',
  ],
};
