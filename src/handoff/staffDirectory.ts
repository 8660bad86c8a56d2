import { z } from 'zod';
import { readDataFile } from '../catalog/readDataFile';
import { LANGUAGES } from '../language/languages';
import { HANDOFF_TOPICS, STAFF_ROLES, type StaffMember } from './types';

/**
 * Who the staff are (data/staff.json): the first name or role a resident sees, the languages they speak
 * and the topics they take. Tokens are not here: they come from STAFF_TOKENS (config), which decides who
 * may sign in; a signed-in staff member missing from the file is shown by their id and takes everything.
 */
export const staffFileSchema = z
  .object({
    sample: z.string().min(1),
    staff: z
      .array(
        z
          .object({
            staffId: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'expected a lower-case id like "amira"'),
            name: z.string().min(1).max(40),
            role: z.enum(STAFF_ROLES),
            languages: z.array(z.enum(LANGUAGES)).min(1),
            topics: z.array(z.enum(HANDOFF_TOPICS)),
            /** Their Microsoft Entra (AAD) object id, as Teams sends it in `from.aadObjectId`: who they are in Teams. */
            teamsAadObjectId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'expected a GUID').optional(),
            /** Or their Teams sign-in name (user principal name), looked up from Teams when the object id is not listed. */
            teamsUpn: z.string().email('expected a sign-in name like amira@kk.dk').optional(),
          })
          .strict(),
      )
      .refine((list) => new Set(list.map((s) => s.staffId)).size === list.length, { message: 'staffId must be unique' })
      .refine((list) => unique(list.map((s) => s.teamsAadObjectId?.toLowerCase())), { message: 'teamsAadObjectId must be unique' })
      .refine((list) => unique(list.map((s) => s.teamsUpn?.toLowerCase())), { message: 'teamsUpn must be unique' }),
  })
  .strict();

function unique(values: (string | undefined)[]): boolean {
  const given = values.filter((v): v is string => !!v);
  return new Set(given).size === given.length;
}

/** Who someone is in Microsoft Teams, as far as data/staff.json says. */
export interface TeamsIdentity {
  aadObjectId?: string;
  upn?: string;
}

export class StaffDirectory {
  private readonly byId: Map<string, StaffMember>;
  private readonly byTeams = new Map<string, string>();

  constructor(members: (StaffMember & { teamsAadObjectId?: string; teamsUpn?: string })[], private readonly signInIds: string[]) {
    this.byId = new Map(members.map(({ teamsAadObjectId: _a, teamsUpn: _u, ...m }) => [m.staffId, m]));
    for (const m of members) {
      if (m.teamsAadObjectId) this.byTeams.set(`aad:${m.teamsAadObjectId.toLowerCase()}`, m.staffId);
      if (m.teamsUpn) this.byTeams.set(`upn:${m.teamsUpn.toLowerCase()}`, m.staffId);
    }
  }

  static load(dataDir: string, signInIds: string[]): StaffDirectory {
    return new StaffDirectory(readDataFile(dataDir, 'staff.json', staffFileSchema).staff, signInIds);
  }

  /** The staff member a Teams user is (by AAD object id, else sign-in name), or undefined for anyone else. */
  byTeamsIdentity(identity: TeamsIdentity): StaffMember | undefined {
    const id =
      (identity.aadObjectId && this.byTeams.get(`aad:${identity.aadObjectId.toLowerCase()}`)) ||
      (identity.upn && this.byTeams.get(`upn:${identity.upn.toLowerCase()}`));
    return id ? this.byId.get(id) : undefined;
  }

  /** Some staff member is known only by sign-in name, so Teams must be asked for it. */
  get hasTeamsUpns(): boolean {
    return [...this.byTeams.keys()].some((k) => k.startsWith('upn:'));
  }

  get(staffId: string): StaffMember {
    return this.byId.get(staffId) ?? { staffId, name: staffId, role: 'counsellor', languages: [], topics: [] };
  }

  /** Everyone who can sign in (to the console with a token, or in Teams), as the residents would see them. */
  all(): StaffMember[] {
    const teamsIds = [...this.byTeams.values()];
    return [...new Set([...this.signInIds, ...teamsIds])].map((id) => this.get(id));
  }

  /** Someone who can sign in speaks this language. */
  someoneSpeaks(lang: string): boolean {
    return this.all().some((m) => (m.languages as string[]).includes(lang));
  }
}
