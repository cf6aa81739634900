// The settings models for the settings rules: every settings package of the project, parsed once
// per run (ctx.memo, with parses shared between packages), and the documentation coverage recorded
// for the summary the first time they are read. A module read by several packages (edx-platform's
// openedx/envs/common.py, star-imported by lms/envs and cms/envs) belongs to one of them — its own
// package, else the first that imports it — so that each finding is reported once.

import type { CheckContext } from '../context.js';
import { coverage, loadSettingsModels, type Setting, type SettingsModel } from '../../settings/model.js';
import { appNameFor } from '../../settings/loader.js';
import { settingsPackages } from '../service-scope.js';
import type { Severity } from '../../model/finding.js';
import { namesFeature, type AnnotationGroup } from '../../settings/annotations.js';
import { isSettingName } from '../../settings/python-module.js';
import { closest } from '../../util/suggest.js';

export function settingsModels(ctx: CheckContext): SettingsModel[] {
  return ctx.memo('settings:models', () => {
    const packages = settingsPackages(ctx.project).filter((p) => ctx.isDirectory(p.dir));
    const models = loadSettingsModels({ read: (rel) => ctx.readFile(rel), list: (rel) => ctx.list(rel) }, packages);
    const owned = models.flatMap((m) => ownedSettings(m, models));
    if (owned.length) ctx.metrics.set('settings-coverage', { label: 'Settings documented', value: coverage(owned).text });
    return models;
  });
}

export function oep45Models(ctx: CheckContext): SettingsModel[] {
  return settingsModels(ctx).filter((m) => m.layout === 'oep45');
}

/** The package a module belongs to: its own package, else the first package that reads it. */
export function ownerOf(file: string, models: readonly SettingsModel[]): SettingsModel | undefined {
  return models.find((m) => m.own.has(file)) ?? models.find((m) => m.modules.has(file));
}

export function owns(model: SettingsModel, file: string, models: readonly SettingsModel[]): boolean {
  return ownerOf(file, models) === model;
}

/** The settings a package reports on: those defined in the modules it owns. */
export function ownedSettings(model: SettingsModel, models: readonly SettingsModel[]): Setting[] {
  return model.settings.filter((s) => owns(model, s.file, models));
}

/** Documentation rules report notices on a legacy layout: guidance, not a gate. */
export function docSeverity(model: SettingsModel): Severity | undefined {
  return model.layout === 'legacy' ? 'notice' : undefined;
}

/** The app prefix of a package's variables (see appNameFor). */
export function appNameOf(ctx: CheckContext, model: SettingsModel): string {
  return appNameFor(ctx.project, model);
}

export interface MisnamedAnnotation {
  group: AnnotationGroup;
  /** The undocumented setting the name is a near miss of, if any: the one mistake, reported once. */
  near?: Setting;
}

/**
 * Annotation groups of a package's own files that name no assigned setting (OEP45-S009). A group
 * whose name is a near miss of an undocumented setting is that setting's documentation with a
 * typo: S009 reports it (with "did you mean"), and neither S008 (the setting) nor S010 (the group)
 * reports the same mistake again.
 */
export function misnamedAnnotations(model: SettingsModel, models: readonly SettingsModel[]): MisnamedAnnotation[] {
  return memoized(model, 'misnamed', () => {
    const assigned = new Set([...model.modules.values()].flatMap((m) => m.assignments.map((a) => a.name)));
    const undocumented = ownedSettings(model, models).filter((s) => !s.doc);
    const byName = new Map(undocumented.map((s) => [s.name, s]));
    return model.annotations
      .filter((g) => owns(model, g.file, models) && g.name && isSettingName(g.name) && !assigned.has(g.name) && !namesFeature(g.written))
      .filter((g) => g.kind === 'setting' || /^(DjangoSetting|SettingToggle)$/.test(g.fields.get('implementation')?.value ?? ''))
      .map((group) => {
        const near = closest(group.name, byName.keys());
        return near ? { group, near: byName.get(near) } : { group };
      });
  });
}

const memos = new WeakMap<SettingsModel, Map<string, unknown>>();

function memoized<T>(model: SettingsModel, key: string, fn: () => T): T {
  let map = memos.get(model);
  if (!map) memos.set(model, (map = new Map()));
  if (!map.has(key)) map.set(key, fn());
  return map.get(key) as T;
}
