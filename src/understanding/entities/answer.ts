import type { Command } from '../../language/commands';
import type { Lang } from '../../language/languages';
import { TermList } from '../terms';
import { group, readTrainingFiles, readingLanguages } from './wordTable';

export type YesNo = 'yes' | 'no';

/**
 * Yes or no as an answer: the command words (commands.json `yes`/`no`: "ja", "la2", "nahi") and the dialogs'
 * answer words (interpreter.json and mediation.json `answers`: "send it", "not now"). An answer opens the
 * message ("no, she is 12", "yes I talked to him but nothing changed") or is the whole of it.
 */
export class AnswerEntity {
  private constructor(private readonly byLang: Map<Lang, TermList<YesNo>>) {}

  static load(localesDir: string): AnswerEntity {
    const entries = new Map<Lang, [string, YesNo][]>();
    const add = (lists: Partial<Record<Lang, Partial<Record<YesNo, string[]>>>>) => {
      for (const [lang, table] of Object.entries(lists) as [Lang, Partial<Record<YesNo, string[]>>][]) {
        const list = entries.get(lang) ?? [];
        for (const answer of ['yes', 'no'] as const) for (const t of table[answer] ?? []) list.push([t, answer]);
        entries.set(lang, list);
      }
    };
    const commands = readTrainingFiles(localesDir, 'commands.json');
    add(Object.fromEntries([...commands].map(([lang, c]) => [lang, { yes: c.yes as string[] | undefined, no: c.no as string[] | undefined }])));
    add(group<YesNo>(readTrainingFiles(localesDir, 'interpreter.json'), 'answers', 'interpreter.json', ['yes', 'no']));
    add(group<YesNo>(readTrainingFiles(localesDir, 'mediation.json'), 'answers', 'mediation.json', ['yes', 'no']));
    return new AnswerEntity(new Map([...entries].map(([lang, list]) => [lang, TermList.of(list, 'whole')])));
  }

  read(normalized: string, lang: Lang, command?: Command): YesNo | undefined {
    if (command === 'yes' || command === 'no') return command;
    if (!normalized) return undefined;
    // At the start of the message: "no, she is 12"; a "no" further in ("I have no car") is not an answer.
    // Answer words are whole words: "لا" is no, "لابني" (for my son) is not.
    // The longest word there wins: "ji nahi" (no) opens with "ji" (yes), "نه ممنون" with "نه".
    for (const l of readingLanguages(lang)) {
      let best: { value: YesNo; length: number } | undefined;
      for (const { term, index } of this.byLang.get(l)?.all(normalized) ?? []) {
        if (index === 0 && (!best || term.core.length > best.length)) best = { value: term.value, length: term.core.length };
      }
      if (best) return best.value;
    }
    return undefined;
  }
}
