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
          })
          .strict(),
      )
      .refine((list) => new Set(list.map((s) => s.staffId)).size === list.length, { message: 'staffId must be unique' }),
  })
  .strict();

export class StaffDirectory {
  private readonly byId: Map<string, StaffMember>;

  constructor(members: StaffMember[], private readonly signInIds: string[]) {
    this.byId = new Map(members.map((m) => [m.staffId, m]));
  }

  static load(dataDir: string, signInIds: string[]): StaffDirectory {
    return new StaffDirectory(readDataFile(dataDir, 'staff.json', staffFileSchema).staff, signInIds);
  }

  get(staffId: string): StaffMember {
    return this.byId.get(staffId) ?? { staffId, name: staffId, role: 'counsellor', languages: [], topics: [] };
  }

  /** Everyone who can sign in, as the residents would see them. */
  all(): StaffMember[] {
    return this.signInIds.map((id) => this.get(id));
  }

  /** Someone who can sign in speaks this language. */
  someoneSpeaks(lang: string): boolean {
    return this.all().some((m) => (m.languages as string[]).includes(lang));
  }
}
