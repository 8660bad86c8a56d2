import { readDataFile, CatalogError } from './readDataFile';
import {
  areaFactsFileSchema,
  clubsFileSchema,
  directoryFileSchema,
  reportingFileSchema,
  complaintBodiesFileSchema,
  counsellingFileSchema,
  districtsFileSchema,
  helplinesFileSchema,
  interpretingFileSchema,
  mediationFileSchema,
  type Club,
  type ComplaintArea,
  type ComplaintBody,
  type ComplaintBodyPick,
  type ComplaintGround,
  type CounsellingFile,
  type CounsellingService,
  type DangerKind,
  type District,
  type DistrictId,
  type DistrictMatch,
  type Helpline,
  type HelplineCategory,
  type HelplinesFile,
  type InterpretingFile,
  type InterpretingSetting,
  type InterpretingSettingInfo,
  type MediationFile,
  type MediationTopic,
  type ConflictTopic,
  type WeeklyHours,
  type AreaFacts,
  type AreaFactsFile,
  type AreaInitiative,
  type DirectoryEntry,
  type DirectoryQuery,
  type DirectoryTopic,
  type ReportCategory,
  type ReportCategoryFacts,
  type ReportingFile,
  REPORT_CATEGORIES,
} from './types';
import { checkCrossReferences } from './crossChecks';
import { createDistrictMatcher } from './districts';
import { pickComplaintBody } from './complaintBodies';

export * from './types';
export { CatalogError } from './readDataFile';
export { searchClubs, EVENING } from './clubSearch';
export { catalogI18nKeys } from './i18nKeys';
export { inLanguage, displayName, type Named } from './localize';
export { foldDistrictText } from './districts';
export type { ClubQuery, ClubResult, ClubWhen, MatchReason } from './clubSearch';

/**
 * The city's facts, loaded once at start-up and read-only afterwards (the same on every instance, so
 * holding them in memory does not break "two instances behave as one").
 */
export interface Catalog {
  helplines: HelplinesFile;
  interpreting: InterpretingFile;
  mediation: MediationFile;
  complaintBodies: ComplaintBody[];
  clubs: Club[];
  districts: District[];
  counselling: CounsellingFile;
  /** Every entry of the referral directory (data/directory.json). */
  directory: DirectoryEntry[];
  /** The city's average of the area figures, to set a district's figures against. */
  cityAverage: AreaFactsFile['cityAverage'];
  /** The reporting desk: categories with their follow-ups resolved, and what the dialog needs to know. */
  reporting: Reporting;

  /** The district a resident named ("nørrebro", "noerrebro", "nv"...); undefined when none or ambiguous. */
  findDistrict(text: string): District | undefined;
  /** Like `findDistrict`, but tells "amager" (two districts) apart from "no district": ask the resident. */
  matchDistrict(text: string): DistrictMatch | undefined;
  district(id: DistrictId): District;
  /** The first helpline for a danger category (the one to give first), if the data has one. */
  helplineFor(category: HelplineCategory): Helpline | undefined;
  helplinesFor(category: HelplineCategory): Helpline[];
  /**
   * The lines to give for a kind of danger, in the city's order (`byDangerKind` in data/helplines.json),
   * never empty. 112 is not among them: the caller always says it first.
   */
  helplinesForDanger(kind: DangerKind): Helpline[];
  /** A helpline by id, the police's non-urgent line (`police-non-urgent`) included. */
  helpline(id: string): Helpline | undefined;
  /** The body to complain to for what happened where, plus alternatives and advice (DIHR always). */
  pickComplaintBody(area: ComplaintArea, ground: ComplaintGround): ComplaintBodyPick;
  complaintBody(id: string): ComplaintBody | undefined;
  interpretingSetting(id: InterpretingSetting): InterpretingSettingInfo;
  mediationTopic(id: ConflictTopic): MediationTopic;
  /** Staffed chat hours for a service (Europe/Copenhagen). */
  counsellingHours(service: CounsellingService): WeeklyHours;
  club(id: string): Club | undefined;
  /**
   * Who can help with a topic, best first: with a district, that district's local offers before the
   * city-wide ones; without one, only city-wide offers; with an age, offers for other ages left out.
   * Never empty without an age (every topic has a city-wide entry); the caller shows the first one to three.
   */
  directoryFor(topic: DirectoryTopic, query?: DirectoryQuery): DirectoryEntry[];
  /** A district's safety figures (with source and date), the city average, the trend and the local initiatives. */
  areaFacts(district: DistrictId): AreaFacts;
}

export interface Reporting {
  anonymousAllowed: boolean;
  /** Reports are kept like requests: `config.stateTtlSeconds`, and deleted with "delete my data". */
  retention: ReportingFile['retention'];
  /** In the order of REPORT_CATEGORIES (the order of the buttons). */
  categories: ReportCategoryFacts[];
  category(id: ReportCategory): ReportCategoryFacts;
}

export const DATA_FILES = {
  helplines: 'helplines.json',
  interpreting: 'interpreting.json',
  mediation: 'mediation.json',
  complaintBodies: 'complaint-bodies.json',
  clubs: 'clubs.json',
  districts: 'districts.json',
  counselling: 'counselling.json',
  directory: 'directory.json',
  areaFacts: 'area-facts.json',
  reporting: 'reporting.json',
} as const;

/**
 * Reads and validates every file in `dataDir` (`config.dataDir`). Throws `CatalogError` naming the file,
 * the entry and the field, so a bad edit stops start-up instead of surfacing mid-conversation.
 */
export function loadCatalog(dataDir: string): Catalog {
  const helplines = readDataFile(dataDir, DATA_FILES.helplines, helplinesFileSchema);
  const interpreting = readDataFile(dataDir, DATA_FILES.interpreting, interpretingFileSchema);
  const mediation = readDataFile(dataDir, DATA_FILES.mediation, mediationFileSchema);
  const bodiesFile = readDataFile(dataDir, DATA_FILES.complaintBodies, complaintBodiesFileSchema);
  const clubsFile = readDataFile(dataDir, DATA_FILES.clubs, clubsFileSchema);
  const districtsFile = readDataFile(dataDir, DATA_FILES.districts, districtsFileSchema);
  const counselling = readDataFile(dataDir, DATA_FILES.counselling, counsellingFileSchema);
  const directoryFile = readDataFile(dataDir, DATA_FILES.directory, directoryFileSchema);
  const areaFactsFile = readDataFile(dataDir, DATA_FILES.areaFacts, areaFactsFileSchema);
  const reportingFile = readDataFile(dataDir, DATA_FILES.reporting, reportingFileSchema);

  checkCrossReferences({ helplines, interpreting, mediation, bodiesFile, clubsFile, districtsFile, counselling, directoryFile, areaFactsFile, reportingFile });

  const complaintBodies = bodiesFile.bodies;
  const districts = districtsFile.districts;
  const districtById = new Map(districts.map((d) => [d.id, d]));
  const matcher = createDistrictMatcher(districtsFile);
  const bodyById = new Map(complaintBodies.map((b) => [b.id, b]));
  const clubById = new Map(clubsFile.clubs.map((c) => [c.id, c]));
  const helplineById = new Map([helplines.policeNonUrgent, ...helplines.helplines].map((h) => [h.id, h]));
  // Cross-checks guarantee every id in byDangerKind names a line.
  const linesForDanger = new Map(Object.entries(helplines.byDangerKind).map(([kind, ids]) => [kind, ids.map((i) => helplineById.get(i)!)]));

  // Cross-checks guarantee every district has facts and every reference below resolves.
  const teamById = new Map(mediation.housingSocialWorkers.map((w) => [w.id, w]));
  const areaByDistrict = new Map(
    areaFactsFile.districts.map((d): [DistrictId, AreaFacts] => [
      d.district,
      {
        district: d.district,
        feelSafePercent: d.feelSafePercent,
        incidentsPer1000: d.incidentsPer1000,
        trend: d.trend,
        initiatives: d.initiatives.map((i): AreaInitiative => {
          if (!i.housingSocialTeam) return { id: i.id, kind: i.kind, name: i.name!, about: i.about, contact: i.contact!, isSample: i.isSample };
          const team = teamById.get(i.housingSocialTeam)!;
          const { weeklyHours, isSample, ...reach } = team.contact;
          return { id: i.id, kind: i.kind, name: team.name, about: i.about, contact: { ...reach, hours: weeklyHours }, isSample: i.isSample || isSample };
        }),
        cityAverage: areaFactsFile.cityAverage,
        officialUpdates: areaFactsFile.officialUpdates,
        isSample: areaFactsFile.isSample,
      },
    ]),
  );
  const followUpById = new Map(reportingFile.followUps.map((f) => [f.id, f]));
  const reportCategories = REPORT_CATEGORIES.map((id): ReportCategoryFacts => {
    const c = reportingFile.categories.find((x) => x.id === id)!;
    return { ...c, followUps: c.followUps.map((f) => followUpById.get(f)!) };
  });
  const reporting: Reporting = {
    anonymousAllowed: reportingFile.anonymousAllowed,
    retention: reportingFile.retention,
    categories: reportCategories,
    category: (id) => reportCategories.find((c) => c.id === id)!,
  };

  return {
    helplines,
    interpreting,
    mediation,
    complaintBodies,
    clubs: clubsFile.clubs,
    districts,
    counselling,
    directory: directoryFile.entries,
    cityAverage: areaFactsFile.cityAverage,
    reporting,
    findDistrict(text) {
      const m = matcher(text);
      return m?.kind === 'one' ? m.district : undefined;
    },
    matchDistrict: matcher,
    district(id) {
      const d = districtById.get(id);
      if (!d) throw new CatalogError(`unknown district id "${id}"`);
      return d;
    },
    helplineFor(category) {
      return helplines.helplines.find((h) => h.category === category);
    },
    helplinesFor(category) {
      return helplines.helplines.filter((h) => h.category === category);
    },
    helplinesForDanger(kind) {
      return linesForDanger.get(kind) ?? [];
    },
    helpline(id) {
      return helplineById.get(id);
    },
    pickComplaintBody(area, ground) {
      return pickComplaintBody(bodiesFile, area, ground);
    },
    complaintBody(id) {
      return bodyById.get(id);
    },
    interpretingSetting(id) {
      // Cross-checks guarantee every setting id is present.
      return interpreting.settings.find((s) => s.id === id)!;
    },
    mediationTopic(id) {
      return mediation.topics.find((t) => t.id === id)!;
    },
    counsellingHours(service) {
      return counselling.services.find((s) => s.id === service)!.weeklyHours;
    },
    club(id) {
      return clubById.get(id);
    },
    directoryFor(topic, query = {}) {
      return directoryFor(directoryFile.entries, topic, query);
    },
    areaFacts(district) {
      const facts = areaByDistrict.get(district);
      if (!facts) throw new CatalogError(`unknown district id "${district}"`);
      return facts;
    },
  };
}

function directoryFor(entries: DirectoryEntry[], topic: DirectoryTopic, query: DirectoryQuery): DirectoryEntry[] {
  const fits = entries.filter(
    (e) =>
      e.topic === topic &&
      (query.age === undefined || !e.forAges || (e.forAges.min <= query.age && query.age <= e.forAges.max)) &&
      (!e.districts || (query.district !== undefined && e.districts.includes(query.district))),
  );
  // Local offers for the resident's district first; otherwise the data's order (the city's ranking).
  return [...fits.filter((e) => e.districts), ...fits.filter((e) => !e.districts)];
}
