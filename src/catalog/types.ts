import { z } from 'zod';
import { LANGUAGES, type Lang } from '../language/languages';
import { WEEKDAYS, weeklyHoursSchema, type WeeklyHours } from '../time/weeklyHours';

/**
 * Zod schemas for the city's facts in `data/`. The types the dialogs use are inferred from them, so a
 * field the city can edit and the field the code reads cannot drift apart.
 *
 * Rule for everything here: facts (phone numbers, websites, hours, ids) live in data; sentences the bot
 * says live in `locales/` and are looked up by id or by an i18n key given here. Texts that belong to one
 * entry (what a helpline is for, a club's description) are data too, in all nine languages
 * (`localizedText`); proper names stay Danish, as residents will meet them (`properName`).
 */

export { WEEKDAYS, weeklyHoursSchema };
export type { WeeklyHours };
export type { Weekday, TimeRange } from '../time/weeklyHours';

// ---------------------------------------------------------------------------------------------------
// Shared pieces

const id = z.string().regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, 'expected a lower-case id like "nabo-maegling"');
/**
 * An i18n key, normally with its namespace: `mediation:step.noise.talkFirst` is the key
 * `step.noise.talkFirst` in `locales/<lng>/mediation.json`.
 */
const i18nKey = z
  .string()
  .regex(/^[a-z][A-Za-z0-9]*(?::[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*|(?:\.[A-Za-z0-9_-]+)+)$/, 'expected an i18n key like "mediation:step.noise.talkFirst"');
/** Danish phone numbers as residents dial them: 112, 1888, 116 111, 70 201 201, +45 33 66 33 66. */
const phone = z.string().regex(/^(?:\+45 )?\d{2,4}(?: ?\d{2,3})*$/, 'expected a phone number like "70 201 201" or "112"');
const url = z.url({ protocol: /^https$/, error: 'expected an https:// address' });
const email = z.email();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date like "2026-12-24"');
export const languageSchema = z.enum(LANGUAGES);

/** Language names in the city's error messages (the people who edit data read English or Danish). */
const LANGUAGE_LABELS: Record<Lang, string> = {
  da: 'Danish',
  en: 'English',
  ar: 'Arabic',
  fa: 'Farsi',
  pl: 'Polish',
  so: 'Somali',
  tr: 'Turkish',
  uk: 'Ukrainian',
  ur: 'Urdu',
};
const textIn = (lang: Lang) => {
  const which = `the ${LANGUAGE_LABELS[lang]} ("${lang}") text`;
  return z
    .string({ error: (issue) => (issue.input === undefined ? `missing ${which}` : `${which} must be a string`) })
    .refine((s) => s.trim() !== '', `${which} is empty`);
};
/**
 * A text in every language the bot speaks. Residents must never read English inside an Arabic reply, so a
 * missing language stops start-up: `data/helplines.json: helplines[2] ("Livslinien").about: missing the
 * Somali ("so") text`.
 */
const everyLanguage = {
  da: textIn('da'),
  en: textIn('en'),
  ar: textIn('ar'),
  fa: textIn('fa'),
  pl: textIn('pl'),
  so: textIn('so'),
  tr: textIn('tr'),
  uk: textIn('uk'),
  ur: textIn('ur'),
} satisfies Record<Lang, z.ZodType<string>>;
export const localizedText = z.object(everyLanguage).strict();
export type LocalizedText = z.infer<typeof localizedText>;
/**
 * A proper name, said as it is in every language ("Livslinien", "Ligebehandlingsnævnet", "Amager Øst"):
 * it is what the resident will see on the door, the website or the phone menu. Where it means nothing to
 * a resident, the entry adds `about`, a short `localizedText` ("suicide prevention helpline").
 */
export const properName = z.string().trim().min(1, 'expected a name');

/** Every data file says that it is sample data until the city has checked it. */
const sampleNotice = z.string().min(1);

// ---------------------------------------------------------------------------------------------------
// 1. Emergency numbers and helplines (data/helplines.json)

export const HELPLINE_CATEGORIES = [
  'domestic_violence',
  'self_harm_suicide',
  'children_young_people',
  'honour_forced_marriage',
  'gang_exit',
  'radicalisation',
  'medical_non_emergency',
  'police',
] as const;
export type HelplineCategory = (typeof HELPLINE_CATEGORIES)[number];

/**
 * The kinds of danger the understanding tells apart (the `danger` vocabulary of the labels). Each has its
 * helplines in `byDangerKind`; `unknown` only gets lines that fit any crisis.
 */
export const DANGER_KINDS = ['self_harm', 'domestic_violence', 'threat', 'honour', 'gang', 'radicalisation', 'child', 'medical', 'unknown'] as const;
export type DangerKind = (typeof DANGER_KINDS)[number];

export const helplineSchema = z
  .object({
    id,
    category: z.enum(HELPLINE_CATEGORIES),
    name: properName,
    about: localizedText.optional(),
    /** Left out unless the number is known to be right: the dialog then gives the website. */
    phone: phone.optional(),
    website: url,
    /** Open round the clock. When false and `weeklyHours` is missing, the dialog says "see the website". */
    alwaysOpen: z.boolean(),
    weeklyHours: weeklyHoursSchema.optional(),
    /** Languages the line answers in, as far as is known (Danish at least). */
    languages: z.array(languageSchema).min(1),
    anonymous: z.boolean().optional(),
  })
  .strict();
export type Helpline = z.infer<typeof helplineSchema>;

export const emergencyNumberSchema = z.object({ name: properName, about: localizedText, phone, website: url.optional() }).strict();
export type EmergencyNumber = z.infer<typeof emergencyNumberSchema>;

export const helplinesFileSchema = z
  .object({
    sample: sampleNotice,
    emergency: emergencyNumberSchema,
    /** A helpline like the others (id `police-non-urgent`), so `byDangerKind` can name it. */
    policeNonUrgent: helplineSchema,
    helplines: z.array(helplineSchema).min(1),
    /**
     * Which lines to give for each kind of danger, in order (ids of `policeNonUrgent` or `helplines`). 112 is
     * always said first by the code and is not listed here.
     */
    byDangerKind: z.object(Object.fromEntries(DANGER_KINDS.map((k) => [k, z.array(id).min(1)])) as Record<DangerKind, z.ZodArray<typeof id>>).strict(),
  })
  .strict();
export type HelplinesFile = z.infer<typeof helplinesFileSchema>;

// ---------------------------------------------------------------------------------------------------
// 2. Interpreting (data/interpreting.json)

export const INTERPRETING_SETTINGS = ['health', 'school', 'municipality', 'housing', 'other'] as const;
export type InterpretingSetting = (typeof INTERPRETING_SETTINGS)[number];
export const INTERPRETING_MODES = ['in_person', 'phone', 'video'] as const;
export type InterpretingMode = (typeof INTERPRETING_MODES)[number];
/** Who arranges the interpreter; the dialog turns this into a sentence. */
export const BOOKERS = ['health_service', 'school', 'municipality', 'housing_association', 'resident', 'ask'] as const;
export type Booker = (typeof BOOKERS)[number];
/** `ask`: the rule is not certain or depends on the case, so the dialog tells the resident to ask. */
export const COSTS = ['free', 'fee_possible', 'resident_pays', 'ask'] as const;
export type Cost = (typeof COSTS)[number];

export const interpretingSettingSchema = z
  .object({
    id: z.enum(INTERPRETING_SETTINGS),
    name: localizedText,
    bookedBy: z.array(z.enum(BOOKERS)).min(1),
    cost: z.enum(COSTS),
    /** i18n keys for the short explanation the dialog shows (who books, what it costs). */
    explanationKeys: z.array(i18nKey),
    modes: z.array(z.enum(INTERPRETING_MODES)).min(1),
  })
  .strict();
export type InterpretingSettingInfo = z.infer<typeof interpretingSettingSchema>;

export const interpretingFileSchema = z
  .object({
    sample: sampleNotice,
    languagesOffered: z.array(languageSchema).min(1),
    /** Further languages the service covers beyond the bot's own, as ISO 639-1/3 codes. */
    otherLanguagesOffered: z.array(z.string().regex(/^[a-z]{2,3}$/)),
    modes: z.array(z.enum(INTERPRETING_MODES)).min(1),
    requestLine: z
      .object({
        name: localizedText,
        phone: phone.optional(),
        email: email.optional(),
        website: url.optional(),
        weeklyHours: weeklyHoursSchema,
        /** True while the contact details are placeholders the city must replace. */
        isSample: z.boolean(),
      })
      .strict(),
    /** How many working days ahead a request should come in, for the dialog's advice. */
    minNoticeWorkingDays: z.number().int().min(0).max(30),
    settings: z.array(interpretingSettingSchema).min(1),
  })
  .strict();
export type InterpretingFile = z.infer<typeof interpretingFileSchema>;

// ---------------------------------------------------------------------------------------------------
// 3. Mediation (data/mediation.json)

export const CONFLICT_TOPICS = ['noise', 'rubbish', 'children', 'parking', 'smells', 'harassment', 'pets', 'other'] as const;
export type ConflictTopic = (typeof CONFLICT_TOPICS)[number];
export const HOUSING_TYPES = ['social_housing', 'private_rental', 'owner', 'other'] as const;
export type HousingType = (typeof HOUSING_TYPES)[number];

export const contactSchema = z
  .object({
    phone: phone.optional(),
    email: email.optional(),
    website: url.optional(),
    weeklyHours: weeklyHoursSchema.optional(),
    isSample: z.boolean(),
  })
  .strict();
export type Contact = z.infer<typeof contactSchema>;

export const mediationOfferSchema = z
  .object({
    id,
    name: localizedText,
    organisation: properName,
    contact: contactSchema,
    free: z.boolean(),
    /** Both neighbours must agree to take part: mediation is voluntary. */
    voluntary: z.boolean(),
    interpreterAvailable: z.boolean(),
    forHousing: z.array(z.enum(HOUSING_TYPES)).min(1),
  })
  .strict();
export type MediationOffer = z.infer<typeof mediationOfferSchema>;

export const housingSocialWorkerSchema = z
  .object({
    id,
    district: id,
    name: localizedText,
    /** The estates or housing areas this team covers, as residents name them. */
    areas: z.array(z.string().min(1)),
    contact: contactSchema,
  })
  .strict();
export type HousingSocialWorker = z.infer<typeof housingSocialWorkerSchema>;

export const housingRouteSchema = z
  .object({
    housing: z.enum(HOUSING_TYPES),
    /** Where the resident turns first, in order (ids of offers or bodies in this file). */
    firstContacts: z.array(id),
    stepKeys: z.array(i18nKey).min(1),
  })
  .strict();
export type HousingRoute = z.infer<typeof housingRouteSchema>;

export const otherBodySchema = z
  .object({ id, name: properName, about: localizedText, website: url, handles: z.array(i18nKey).min(1) })
  .strict();
export type MediationOtherBody = z.infer<typeof otherBodySchema>;

export const mediationTopicSchema = z
  .object({
    id: z.enum(CONFLICT_TOPICS),
    name: localizedText,
    /** Practical steps, in the order a resident should try them. */
    stepKeys: z.array(i18nKey).min(1),
    /** Topics where the police may be the right place (threats, harassment) say so. */
    mayInvolvePolice: z.boolean(),
  })
  .strict();
export type MediationTopic = z.infer<typeof mediationTopicSchema>;

export const mediationFileSchema = z
  .object({
    sample: sampleNotice,
    offers: z.array(mediationOfferSchema).min(1),
    housingSocialWorkers: z.array(housingSocialWorkerSchema),
    housingRoutes: z.array(housingRouteSchema).min(1),
    otherBodies: z.array(otherBodySchema),
    topics: z.array(mediationTopicSchema).min(1),
  })
  .strict();
export type MediationFile = z.infer<typeof mediationFileSchema>;

// ---------------------------------------------------------------------------------------------------
// 4. Complaint bodies (data/complaint-bodies.json)

export const COMPLAINT_AREAS = ['work', 'housing', 'nightlife_shops', 'police', 'municipality', 'education', 'health', 'other'] as const;
export type ComplaintArea = (typeof COMPLAINT_AREAS)[number];
export const COMPLAINT_GROUNDS = ['ethnic_origin', 'religion', 'skin_colour', 'gender', 'disability', 'age', 'sexual_orientation', 'other'] as const;
export type ComplaintGround = (typeof COMPLAINT_GROUNDS)[number];
/** `complaint`: decides complaints. `advice`: advises, does not decide. `report`: a police report (criminal law). */
export const BODY_KINDS = ['complaint', 'advice', 'report'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

/** One cell group of the area × ground matrix: the body handles every listed ground in every listed area. */
export const remitSchema = z
  .object({
    areas: z.array(z.enum(COMPLAINT_AREAS)).min(1),
    grounds: z.array(z.enum(COMPLAINT_GROUNDS)).min(1),
    /** `primary`: the place to complain. `alternative`: also possible (e.g. after the primary, or in part). */
    role: z.enum(['primary', 'alternative', 'advice']),
  })
  .strict();
export type Remit = z.infer<typeof remitSchema>;

export const complaintBodySchema = z
  .object({
    id,
    kind: z.enum(BODY_KINDS),
    name: properName,
    about: localizedText,
    website: url,
    phone: phone.optional(),
    remit: z.array(remitSchema).min(1),
    /**
     * Deadline in months, only where the law states it and we are sure; null: "check with the body".
     * `deadlineFrom` is an i18n key saying from when it counts (the incident, the final decision...).
     */
    deadlineMonths: z.number().int().positive().nullable(),
    deadlineFromKey: i18nKey.optional(),
    /** What to say about time limits besides the deadline (e.g. the Board: no deadline, but claims expire). */
    deadlineNoteKey: i18nKey.optional(),
    /** Steps to take before this body can take the case (e.g. complain to the municipality first), as i18n keys. */
    beforeYouComplainKeys: z.array(i18nKey).optional(),
    /** true: free; false: a fee; null: not certain, "check with the body". */
    free: z.boolean().nullable(),
    /** Order among several candidates for the same cell (lower first). */
    rank: z.number().int().min(0),
  })
  .strict()
  .refine((b) => b.deadlineMonths === null || b.deadlineFromKey !== undefined, {
    message: 'deadlineFromKey is required when deadlineMonths is set',
    path: ['deadlineFromKey'],
  });
export type ComplaintBody = z.infer<typeof complaintBodySchema>;

export const complaintBodiesFileSchema = z
  .object({
    sample: sampleNotice,
    /** The body that is always offered for advice (the Danish Institute for Human Rights). */
    alwaysAdvise: id,
    bodies: z.array(complaintBodySchema).min(1),
  })
  .strict();
export type ComplaintBodiesFile = z.infer<typeof complaintBodiesFileSchema>;

/** What `pickComplaintBody` answers. `primary` is missing when no body decides such cases (then advice). */
export interface ComplaintBodyPick {
  primary?: ComplaintBody;
  alternatives: ComplaintBody[];
  advice: ComplaintBody[];
}

// ---------------------------------------------------------------------------------------------------
// 5. Districts (data/districts.json)

export const DISTRICT_IDS = [
  'indre-by',
  'osterbro',
  'norrebro',
  'vesterbro-kongens-enghave',
  'valby',
  'vanlose',
  'bronshoj-husum',
  'bispebjerg',
  'amager-ost',
  'amager-vest',
] as const;
export type DistrictId = (typeof DISTRICT_IDS)[number];

export const districtSchema = z
  .object({
    id: z.enum(DISTRICT_IDS),
    name: properName,
    /** How residents write it, in any language or script; matched without case and diacritics. */
    aliases: z.array(z.string().min(1)),
    neighbours: z.array(z.enum(DISTRICT_IDS)),
  })
  .strict();
export type District = z.infer<typeof districtSchema>;

export const districtsFileSchema = z
  .object({
    sample: sampleNotice,
    districts: z.array(districtSchema).length(DISTRICT_IDS.length),
    /** Words that name more than one district ("amager"): the dialog asks which one. */
    ambiguous: z.array(z.object({ alias: z.string().min(1), districts: z.array(z.enum(DISTRICT_IDS)).min(2) }).strict()),
  })
  .strict();
export type DistrictsFile = z.infer<typeof districtsFileSchema>;

/** `findDistrict`'s answer: one district, or several to choose from ("amager"). */
export type DistrictMatch = { kind: 'one'; district: District } | { kind: 'ambiguous'; alias: string; districts: District[] };

// ---------------------------------------------------------------------------------------------------
// 6. Clubs (data/clubs.json)

export const INTERESTS = [
  'sport',
  'football',
  'music',
  'gaming',
  'homework',
  'girls_only',
  'creative',
  'dance',
  'boxing_martial_arts',
  'outdoor',
  'cooking',
  'tech',
] as const;
export type Interest = (typeof INTERESTS)[number];

export const clubSchema = z
  .object({
    id,
    name: properName,
    district: z.enum(DISTRICT_IDS),
    address: z.string().min(1),
    contact: contactSchema,
    minAge: z.number().int().min(0).max(99),
    maxAge: z.number().int().min(0).max(99),
    interests: z.array(z.enum(INTERESTS)).min(1),
    hours: weeklyHoursSchema,
    helpsWithLeisureJobs: z.boolean(),
    offersFor18Plus: z.boolean(),
    /** A neutral one-line description; shown as it is (it is a fact about the club, not the bot talking). */
    description: localizedText,
  })
  .strict()
  .refine((c) => c.minAge <= c.maxAge, { message: 'minAge must not be above maxAge', path: ['maxAge'] });
export type Club = z.infer<typeof clubSchema>;

export const clubsFileSchema = z
  .object({
    sample: sampleNotice,
    clubs: z.array(clubSchema).min(1),
  })
  .strict();
export type ClubsFile = z.infer<typeof clubsFileSchema>;

// ---------------------------------------------------------------------------------------------------
// 7. Counselling hours (data/counselling.json)

export const COUNSELLING_SERVICES = ['interpreter', 'mediation', 'discrimination', 'clubs', 'counsellor'] as const;
export type CounsellingService = (typeof COUNSELLING_SERVICES)[number];

export const counsellingFileSchema = z
  .object({
    sample: sampleNotice,
    timeZone: z.literal('Europe/Copenhagen'),
    services: z
      .array(z.object({ id: z.enum(COUNSELLING_SERVICES), weeklyHours: weeklyHoursSchema }).strict())
      .min(1),
    /** Days with no staff (public holidays), in Copenhagen dates. */
    closedDates: z.array(z.object({ date: isoDate, name: localizedText }).strict()),
    /** For urgent cases out of hours: always 112 first, then the danger kind's lines (data/helplines.json `byDangerKind`). */
    onCall: z
      .object({
        noteKey: i18nKey,
        emergencyFirst: z.literal(true),
      })
      .strict(),
  })
  .strict();
export type CounsellingFile = z.infer<typeof counsellingFileSchema>;

// ---------------------------------------------------------------------------------------------------
// 8. The referral directory (data/directory.json): who can help with everything the four services do not

export const DIRECTORY_TOPICS = [
  'danish_lessons',
  'danish_society',
  'after_prison',
  'family_support',
  'crisis_psychologist',
  'radicalisation_advice',
  'leisure_jobs',
  'volunteering',
  'borgerservice',
  'legal_aid',
  'tenants_advice',
  'police',
] as const;
export type DirectoryTopic = (typeof DIRECTORY_TOPICS)[number];

/** How to reach a service. Every answer must give at least one way: a phone only where certain, else the website. */
export const reachSchema = z
  .object({
    phone: phone.optional(),
    website: url.optional(),
    email: email.optional(),
    address: z.string().trim().min(1).optional(),
    /** Opening hours, Copenhagen time; left out when unknown (the resident is sent to the website). */
    hours: weeklyHoursSchema.optional(),
  })
  .strict()
  .refine((c) => c.phone !== undefined || c.website !== undefined, { message: 'give a phone number or a website, so the resident can reach it' });
export type Reach = z.infer<typeof reachSchema>;

const ageRange = z
  .object({ min: z.number().int().min(0).max(99), max: z.number().int().min(0).max(99) })
  .strict()
  .refine((a) => a.min <= a.max, { message: 'min must not be above max', path: ['max'] });

export const directoryEntrySchema = z
  .object({
    id,
    topic: z.enum(DIRECTORY_TOPICS),
    name: properName,
    /** What it is and for whom, in one or two sentences: said on its own line, not in brackets. */
    about: localizedText,
    contact: reachSchema,
    /** Only for these ages (e.g. leisure jobs 13–17); left out when it is for anyone. */
    forAges: ageRange.optional(),
    /** A local offer, only for these districts; left out for the whole city. */
    districts: z.array(z.enum(DISTRICT_IDS)).min(1).optional(),
    /** True until the city has checked the entry (the offer, its name or its contact details). */
    isSample: z.boolean(),
  })
  .strict();
export type DirectoryEntry = z.infer<typeof directoryEntrySchema>;

export const directoryFileSchema = z.object({ sample: sampleNotice, entries: z.array(directoryEntrySchema).min(1) }).strict();
export type DirectoryFile = z.infer<typeof directoryFileSchema>;

/** What `directoryFor` can narrow by. */
export interface DirectoryQuery {
  /** Local offers for this district first; local offers elsewhere left out. */
  district?: DistrictId;
  /** Offers limited to other ages left out. */
  age?: number;
}

// ---------------------------------------------------------------------------------------------------
// 9. Facts for your area (data/area-facts.json): figures instead of rumours

/** Where a figure comes from, for the resident to check it. */
const sourceSchema = z.object({ name: properName, url }).strict();

/** One figure with its source and the date it was measured or published. */
const figureSchema = z.object({ value: z.number().min(0), source: sourceSchema, date: isoDate }).strict();
export type AreaFigure = z.infer<typeof figureSchema>;

const percentFigure = figureSchema.extend({ value: z.number().min(0).max(100) }).strict();

export const TRENDS = ['down', 'flat', 'up'] as const;
export type Trend = (typeof TRENDS)[number];

export const INITIATIVE_KINDS = ['night_walkers', 'ssp', 'housing_social', 'police', 'other'] as const;
export type InitiativeKind = (typeof INITIATIVE_KINDS)[number];

/**
 * A local initiative: a full entry, or (`housing_social`) a pointer to the district's team in
 * data/mediation.json, so its name and contact live in one place; `about` says what it does for safety.
 */
export const initiativeSchema = z
  .object({
    id,
    kind: z.enum(INITIATIVE_KINDS),
    name: properName.optional(),
    about: localizedText,
    contact: reachSchema.optional(),
    housingSocialTeam: id.optional(),
    isSample: z.boolean(),
  })
  .strict()
  .refine((i) => (i.housingSocialTeam === undefined ? i.name !== undefined && i.contact !== undefined : i.name === undefined && i.contact === undefined), {
    message: 'give either name and contact, or housingSocialTeam (the id of a team in data/mediation.json), not both',
  });
export type InitiativeEntry = z.infer<typeof initiativeSchema>;

export const districtFactsSchema = z
  .object({
    district: z.enum(DISTRICT_IDS),
    /** Share of residents who feel safe in their area (the city's safety survey), in per cent. */
    feelSafePercent: percentFigure,
    /** Incidents reported to the police per 1,000 residents in a year. */
    incidentsPer1000: figureSchema,
    trend: z.object({ direction: z.enum(TRENDS), note: localizedText, source: sourceSchema, date: isoDate }).strict(),
    initiatives: z.array(initiativeSchema),
  })
  .strict();
export type DistrictFactsEntry = z.infer<typeof districtFactsSchema>;

/** Where official news about incidents is published (the police's news and daily report, the city). */
export const officialUpdateSchema = z.object({ id, name: properName, about: localizedText, website: url }).strict();
export type OfficialUpdate = z.infer<typeof officialUpdateSchema>;

export const areaFactsFileSchema = z
  .object({
    sample: sampleNotice,
    /** True while the figures are examples the city replaces with its own. */
    isSample: z.boolean(),
    cityAverage: z.object({ feelSafePercent: percentFigure, incidentsPer1000: figureSchema }).strict(),
    officialUpdates: z.array(officialUpdateSchema).min(1),
    districts: z.array(districtFactsSchema),
  })
  .strict();
export type AreaFactsFile = z.infer<typeof areaFactsFileSchema>;

/** An initiative as the code uses it, the housing social team's name and contact filled in from data/mediation.json. */
export interface AreaInitiative {
  id: string;
  kind: InitiativeKind;
  /** A proper name, or a descriptive label in nine languages (the housing social teams): use `displayName`. */
  name: string | LocalizedText;
  about: LocalizedText;
  contact: { phone?: string; website?: string; email?: string; address?: string; hours?: WeeklyHours };
  isSample: boolean;
}

/** `areaFacts(district)`: the district's figures next to the city's, and who works locally. */
export interface AreaFacts {
  district: DistrictId;
  feelSafePercent: AreaFigure;
  incidentsPer1000: AreaFigure;
  trend: DistrictFactsEntry['trend'];
  initiatives: AreaInitiative[];
  cityAverage: AreaFactsFile['cityAverage'];
  officialUpdates: OfficialUpdate[];
  isSample: boolean;
}

// ---------------------------------------------------------------------------------------------------
// 10. The reporting desk (data/reporting.json): a non-emergency worry in the area, and who follows it up

export const REPORT_CATEGORIES = ['dealing', 'lighting', 'vandalism', 'youth_at_risk', 'unsafe_group', 'other'] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

/**
 * Who follows a report up: a body with a proper name, or a descriptive label ("your landlord"), which
 * may have no contact of its own (the resident knows their landlord).
 */
export const followUpSchema = z
  .object({ id, name: z.union([properName, localizedText]), about: localizedText.optional(), contact: reachSchema.optional(), isSample: z.boolean() })
  .strict();
export type ReportFollowUp = z.infer<typeof followUpSchema>;

export const reportCategorySchema = z
  .object({
    id: z.enum(REPORT_CATEGORIES),
    label: localizedText,
    /** Ids in `followUps`, the one to name first first. */
    followUps: z.array(id).min(1),
    /** Can be a crime: the dialog mentions the police (114, or 112 when it is happening now and dangerous). */
    mayBeCrime: z.boolean(),
  })
  .strict();
export type ReportCategoryInfo = z.infer<typeof reportCategorySchema>;

export const reportingFileSchema = z
  .object({
    sample: sampleNotice,
    /** The resident may report without leaving a way to reach them. */
    anonymousAllowed: z.boolean(),
    /**
     * How long a report is kept: like every request in the requests store (STATE_TTL_DAYS), and deleted
     * with "delete my data". A literal, so the number lives in one place (src/config.ts).
     */
    retention: z.literal('requests'),
    categories: z.array(reportCategorySchema).length(REPORT_CATEGORIES.length),
    followUps: z.array(followUpSchema).min(1),
  })
  .strict();
export type ReportingFile = z.infer<typeof reportingFileSchema>;

/** `reporting.category(id)` with its follow-ups resolved. */
export interface ReportCategoryFacts extends Omit<ReportCategoryInfo, 'followUps'> {
  followUps: ReportFollowUp[];
}
