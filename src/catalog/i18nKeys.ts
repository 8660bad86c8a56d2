import type { Catalog } from './index';

/**
 * Every i18n key that data/ points at (steps, explanations, deadline notes), grouped by namespace.
 * The text behind them is written in locales/<lng>/<namespace>.json; a locale test can compare this list
 * with each language's files so a key added to data/ never reaches a resident as a raw key.
 */
export function catalogI18nKeys(catalog: Catalog): Map<string, string[]> {
  const keys = new Set<string>();
  for (const s of catalog.interpreting.settings) s.explanationKeys.forEach((k) => keys.add(k));
  for (const t of catalog.mediation.topics) t.stepKeys.forEach((k) => keys.add(k));
  for (const r of catalog.mediation.housingRoutes) r.stepKeys.forEach((k) => keys.add(k));
  for (const b of catalog.mediation.otherBodies) b.handles.forEach((k) => keys.add(k));
  for (const b of catalog.complaintBodies) {
    for (const k of [b.deadlineFromKey, b.deadlineNoteKey, ...(b.beforeYouComplainKeys ?? [])]) if (k) keys.add(k);
  }
  keys.add(catalog.counselling.onCall.noteKey);

  const byNamespace = new Map<string, string[]>();
  for (const key of [...keys].sort()) {
    const i = key.indexOf(':');
    const ns = i > 0 ? key.slice(0, i) : 'common';
    const list = byNamespace.get(ns) ?? [];
    list.push(i > 0 ? key.slice(i + 1) : key);
    byNamespace.set(ns, list);
  }
  return byNamespace;
}
