import { INTERPRETING_MODES, INTERPRETING_SETTINGS, type InterpretingMode, type InterpretingSetting } from '../../catalog';
import { LANGUAGES, type Lang } from '../../language/languages';
import { group, readTrainingFiles, WordTable } from './wordTable';

export interface InterpretingReading {
  /** The language an interpreter is needed for, when it is one of ours ("arabisk", "Somali"). */
  language?: Lang;
  setting?: InterpretingSetting;
  mode?: InterpretingMode;
}

/** Interpreter requests: language, setting, in person/phone/video (locales/<lng>/training/interpreter.json). */
export class InterpretingEntity {
  private constructor(
    private readonly languages: WordTable<Lang>,
    private readonly settings: WordTable<InterpretingSetting>,
    private readonly modes: WordTable<InterpretingMode>,
  ) {}

  static load(localesDir: string): InterpretingEntity {
    const files = readTrainingFiles(localesDir, 'interpreter.json');
    return new InterpretingEntity(
      WordTable.fromLists(group(files, 'languages', 'interpreter.json', LANGUAGES)),
      WordTable.fromLists(group(files, 'settings', 'interpreter.json', INTERPRETING_SETTINGS)),
      WordTable.fromLists(group(files, 'modes', 'interpreter.json', INTERPRETING_MODES)),
    );
  }

  read(normalized: string, lang: Lang): InterpretingReading {
    const out: InterpretingReading = {};
    const language = this.languages.best(normalized, lang);
    if (language) out.language = language;
    const setting = this.settings.best(normalized, lang);
    if (setting && setting !== 'other') out.setting = setting;
    const mode = this.modes.best(normalized, lang);
    if (mode) out.mode = mode;
    return out;
  }
}
