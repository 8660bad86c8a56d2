import { INTERPRETING_MODES, INTERPRETING_SETTINGS, type InterpretingMode, type InterpretingSetting } from '../../catalog';
import { LANGUAGES, type Lang } from '../../language/languages';
import { group, readTrainingFiles, WordTable } from './wordTable';

export interface InterpretingReading {
  /** The language an interpreter is needed for, when it is one of ours ("arabisk", "Somali"). */
  language?: Lang;
  /**
   * A language we have no button for, named inside a sentence ("an interpreter in Tigrinya", "tłumacz
   * kurdyjskiego"): its name as the resident's language writes it, to be said back.
   */
  otherLanguage?: string;
  setting?: InterpretingSetting;
  mode?: InterpretingMode;
}

type OtherLists = Partial<Record<Lang, Partial<Record<string, string[]>>>>;

/** Interpreter requests: language, setting, in person/phone/video (locales/<lng>/training/interpreter.json). */
export class InterpretingEntity {
  private constructor(
    private readonly languages: WordTable<Lang>,
    private readonly others: WordTable<string>,
    private readonly otherNames: OtherLists,
    private readonly settings: WordTable<InterpretingSetting>,
    private readonly modes: WordTable<InterpretingMode>,
  ) {}

  static load(localesDir: string): InterpretingEntity {
    const files = readTrainingFiles(localesDir, 'interpreter.json');
    const others = group<string>(files, 'otherLanguages', 'interpreter.json');
    return new InterpretingEntity(
      WordTable.fromLists(group(files, 'languages', 'interpreter.json', LANGUAGES)),
      WordTable.fromLists(others),
      others,
      WordTable.fromLists(group(files, 'settings', 'interpreter.json', INTERPRETING_SETTINGS)),
      WordTable.fromLists(group(files, 'modes', 'interpreter.json', INTERPRETING_MODES)),
    );
  }

  read(normalized: string, lang: Lang): InterpretingReading {
    const out: InterpretingReading = {};
    const language = this.languages.best(normalized, lang);
    if (language) out.language = language;
    else {
      const other = this.others.best(normalized, lang);
      // The first spelling in the resident's own list is the name to say back ("Tigrinya", "تیگرینیا").
      const name = other && (this.otherNames[lang]?.[other]?.[0] ?? this.otherNames.en?.[other]?.[0]);
      if (name) out.otherLanguage = name.replace(/\*$/, '');
    }
    const setting = this.settings.best(normalized, lang);
    if (setting && setting !== 'other') out.setting = setting;
    const mode = this.modes.best(normalized, lang);
    if (mode) out.mode = mode;
    return out;
  }
}
