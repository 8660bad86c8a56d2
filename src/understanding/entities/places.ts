import type { Catalog } from '../../catalog';
import { normalizeText } from '../../language/normalize';

/**
 * A club named by the resident ("Tingbjerg Pigeklub", "klub hothers plads"): its id. The longest name found
 * wins; a name is matched whole, after normalising, or without a generic first word ("Klub", "Ungdomsklub").
 */
export class ClubNameEntity {
  private readonly names: { id: string; name: string }[];

  constructor(catalog: Catalog) {
    this.names = catalog.clubs
      .flatMap((c) => {
        const full = normalizeText(c.name);
        const short = full.replace(/^(?:klub|klubben|ungdomsklub(?:ben)?|fritidsklub(?:ben)?|club) /, '');
        return [{ id: c.id, name: full }, ...(short !== full && short.split(' ').length >= 2 ? [{ id: c.id, name: short }] : [])];
      })
      .sort((a, b) => b.name.length - a.name.length);
  }

  read(normalized: string): string | undefined {
    const padded = ` ${normalized} `;
    return this.names.find((n) => padded.includes(` ${n.name} `))?.id;
  }
}
