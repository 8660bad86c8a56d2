import { DEFAULT_LANGUAGE, LANGUAGES } from '../language/languages';
import { CatalogError } from './readDataFile';
import {
  CONFLICT_TOPICS,
  DIRECTORY_TOPICS,
  REPORT_CATEGORIES,
  type AreaFactsFile,
  type DirectoryFile,
  type ReportingFile,
  COUNSELLING_SERVICES,
  DISTRICT_IDS,
  INTERPRETING_SETTINGS,
  type ClubsFile,
  type ComplaintBodiesFile,
  type CounsellingFile,
  type DistrictsFile,
  type HelplinesFile,
  type InterpretingFile,
  type MediationFile,
} from './types';
import { foldDistrictText } from './districts';

/** Means "the boligsocial team of the resident's district" in mediation housing routes. */
export const HOUSING_SOCIAL_WORKER_REF = 'housing-social-worker';

interface Files {
  helplines: HelplinesFile;
  interpreting: InterpretingFile;
  mediation: MediationFile;
  bodiesFile: ComplaintBodiesFile;
  clubsFile: ClubsFile;
  districtsFile: DistrictsFile;
  counselling: CounsellingFile;
  directoryFile: DirectoryFile;
  areaFactsFile: AreaFactsFile;
  reportingFile: ReportingFile;
}

/**
 * Rules that span entries or files, which a per-file schema cannot see: unique ids, every id the code
 * relies on present, references that point somewhere. Same message style as readDataFile.
 */
export function checkCrossReferences(f: Files): void {
  const problems: string[] = [];
  const say = (file: string, where: string, what: string) => problems.push(`data/${file}: ${where}: ${what}`);

  const duplicates = (file: string, list: string, items: { id: string }[]) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) say(file, `${list}[${i}] ("${item.id}").id`, 'duplicate id');
      seen.add(item.id);
    });
  };
  const required = (file: string, list: string, present: readonly string[], needed: readonly string[]) => {
    for (const id of needed) if (!present.includes(id)) say(file, list, `missing an entry with id "${id}"`);
  };

  // helplines
  duplicates('helplines.json', 'helplines', f.helplines.helplines);
  const lineIds = new Set(f.helplines.helplines.map((h) => h.id));
  if (lineIds.has(f.helplines.policeNonUrgent.id)) say('helplines.json', 'policeNonUrgent.id', `"${f.helplines.policeNonUrgent.id}" is also the id of an entry in helplines`);
  lineIds.add(f.helplines.policeNonUrgent.id);
  for (const [kind, ids] of Object.entries(f.helplines.byDangerKind)) {
    ids.forEach((ref, i) => {
      if (!lineIds.has(ref)) say('helplines.json', `byDangerKind.${kind}[${i}]`, `"${ref}" is not the id of policeNonUrgent or of an entry in helplines`);
    });
  }

  // interpreting
  required('interpreting.json', 'settings', f.interpreting.settings.map((s) => s.id), INTERPRETING_SETTINGS);
  duplicates('interpreting.json', 'settings', f.interpreting.settings);
  // Interpreting is to and from Danish, so every other language the bot speaks must be offered.
  for (const lang of LANGUAGES) {
    if (lang === DEFAULT_LANGUAGE) continue;
    if (!f.interpreting.languagesOffered.includes(lang)) say('interpreting.json', 'languagesOffered', `must include "${lang}" (every language the bot speaks besides Danish)`);
  }

  // mediation
  required('mediation.json', 'topics', f.mediation.topics.map((t) => t.id), CONFLICT_TOPICS);
  duplicates('mediation.json', 'topics', f.mediation.topics);
  duplicates('mediation.json', 'offers', f.mediation.offers);
  duplicates('mediation.json', 'housingSocialWorkers', f.mediation.housingSocialWorkers);
  const contactIds = new Set([...f.mediation.offers.map((o) => o.id), ...f.mediation.otherBodies.map((b) => b.id), HOUSING_SOCIAL_WORKER_REF]);
  f.mediation.housingRoutes.forEach((route, i) => {
    route.firstContacts.forEach((ref, j) => {
      if (!contactIds.has(ref)) say('mediation.json', `housingRoutes[${i}] ("${route.housing}").firstContacts[${j}]`, `"${ref}" is not an id in offers or otherBodies`);
    });
  });
  f.mediation.housingSocialWorkers.forEach((w, i) => {
    if (!(DISTRICT_IDS as readonly string[]).includes(w.district)) {
      say('mediation.json', `housingSocialWorkers[${i}] ("${w.id}").district`, `"${w.district}" is not a district id (${DISTRICT_IDS.join(', ')})`);
    }
  });

  // complaint bodies
  duplicates('complaint-bodies.json', 'bodies', f.bodiesFile.bodies);
  if (!f.bodiesFile.bodies.some((b) => b.id === f.bodiesFile.alwaysAdvise)) {
    say('complaint-bodies.json', 'alwaysAdvise', `"${f.bodiesFile.alwaysAdvise}" is not an id in bodies`);
  }

  // districts
  required('districts.json', 'districts', f.districtsFile.districts.map((d) => d.id), DISTRICT_IDS);
  duplicates('districts.json', 'districts', f.districtsFile.districts);
  const aliasOwner = new Map<string, string>();
  f.districtsFile.districts.forEach((d, i) => {
    d.neighbours.forEach((n, j) => {
      if (n === d.id) say('districts.json', `districts[${i}] ("${d.id}").neighbours[${j}]`, 'a district is not its own neighbour');
      const other = f.districtsFile.districts.find((o) => o.id === n);
      if (other && !other.neighbours.includes(d.id)) say('districts.json', `districts[${i}] ("${d.id}").neighbours[${j}]`, `"${n}" does not list "${d.id}" back as a neighbour`);
    });
    d.aliases.forEach((alias, j) => {
      const key = foldDistrictText(alias);
      const owner = aliasOwner.get(key);
      if (owner && owner !== d.id) say('districts.json', `districts[${i}] ("${d.id}").aliases[${j}]`, `"${alias}" is also an alias of "${owner}" (list it under ambiguous instead)`);
      aliasOwner.set(key, d.id);
    });
  });

  // clubs
  duplicates('clubs.json', 'clubs', f.clubsFile.clubs);

  // counselling
  required('counselling.json', 'services', f.counselling.services.map((s) => s.id), COUNSELLING_SERVICES);
  duplicates('counselling.json', 'services', f.counselling.services);

  // directory: every topic has somewhere to send the resident, whatever their district
  duplicates('directory.json', 'entries', f.directoryFile.entries);
  for (const topic of DIRECTORY_TOPICS) {
    if (!f.directoryFile.entries.some((e) => e.topic === topic && !e.districts)) say('directory.json', 'entries', `no city-wide entry (without "districts") for topic "${topic}"`);
  }

  // area facts: every district once; housing social teams point at a team of that district
  const areaDistricts = f.areaFactsFile.districts.map((d) => d.district);
  required('area-facts.json', 'districts', areaDistricts, DISTRICT_IDS);
  f.areaFactsFile.districts.forEach((d, i) => {
    if (areaDistricts.indexOf(d.district) !== i) say('area-facts.json', `districts[${i}] ("${d.district}").district`, 'this district is listed twice');
  });
  duplicates('area-facts.json', 'officialUpdates', f.areaFactsFile.officialUpdates);
  duplicates(
    'area-facts.json',
    'initiatives (all districts)',
    f.areaFactsFile.districts.flatMap((d) => d.initiatives),
  );
  f.areaFactsFile.districts.forEach((d, i) => {
    d.initiatives.forEach((init, j) => {
      if (!init.housingSocialTeam) return;
      const team = f.mediation.housingSocialWorkers.find((w) => w.id === init.housingSocialTeam);
      const where = `districts[${i}] ("${d.district}").initiatives[${j}] ("${init.id}").housingSocialTeam`;
      if (!team) say('area-facts.json', where, `"${init.housingSocialTeam}" is not an id in data/mediation.json housingSocialWorkers`);
      else if (team.district !== d.district) say('area-facts.json', where, `"${team.id}" works in "${team.district}", not in "${d.district}"`);
    });
  });

  // reporting: every category once, follow-ups that exist
  required('reporting.json', 'categories', f.reportingFile.categories.map((c) => c.id), REPORT_CATEGORIES);
  duplicates('reporting.json', 'categories', f.reportingFile.categories);
  duplicates('reporting.json', 'followUps', f.reportingFile.followUps);
  const followUpIds = new Set(f.reportingFile.followUps.map((x) => x.id));
  f.reportingFile.categories.forEach((c, i) => {
    c.followUps.forEach((ref, j) => {
      if (!followUpIds.has(ref)) say('reporting.json', `categories[${i}] ("${c.id}").followUps[${j}]`, `"${ref}" is not an id in followUps`);
    });
  });

  if (problems.length) throw new CatalogError(problems.slice(0, 10).join('\n'));
}
