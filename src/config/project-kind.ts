// What kind of repository a project is, so that the service rules (settings, changelog, operations
// manual, a Dockerfile to build) speak only about services. Read from what the repository declares
// of itself: its Django settings and manage.py, its packaging metadata (setup.py, setup.cfg,
// pyproject.toml entry points: `tutor.plugin.v1`, `lms.djangoapp`, `xblock.v1`) and package.json
// (`@openedx/frontend-build`). A Django project with settings is a service whatever else it ships
// (edx-platform declares plugin entry points too).

import { OEP45_MODULES, PRODUCTION_NAMES, type FileSource } from '../settings/model.js';
import type { RepositoryKind, ProjectScope } from '../model/project.js';
import type { SettingsPackage } from '../model/settings-package.js';

interface KindFacts {
  /** A .oep45.yml says the repository wants the OEP-45 checks. */
  configured: boolean;
  settingsFound: boolean;
  /** Some settings package runs in production: see hasProductionSettings. */
  productionSettings: boolean;
  djangoProject: boolean;
  images: number;
  imagesData: boolean;
}

const FRONTEND = /"@(openedx|edx)\/(frontend-build|frontend-platform|frontend-base)"|\bfedx-scripts\b/;
const TUTOR_PLUGIN = /tutor\.plugin\.v\d/;
const DJANGO_PLUGIN = /\b(lms|cms)\.djangoapp\b|\bxblock(_asides)?\.v1\b|\bopenedx\.(course_tab|dynamic_partition_generator)\b/;

function packaging(source: FileSource): string {
  return ['setup.py', 'setup.cfg', 'pyproject.toml'].map((f) => source.read(f) ?? '').join('\n');
}

function isPythonPackage(source: FileSource, meta: string): boolean {
  return source.read('setup.py') !== undefined || /^\[project\]/m.test(meta) || /^\[tool\.poetry\]/m.test(meta) || /^\[metadata\]/m.test(source.read('setup.cfg') ?? '');
}

const WHY: Record<RepositoryKind, string> = {
  service: '',
  images: 'a repository of Dockerfiles (images-data.json)',
  'frontend-app': 'a frontend app: package.json builds it with the Open edX frontend tooling, and it has no Django project',
  'tutor-plugin': 'a Tutor plugin: its packaging declares a tutor.plugin entry point, and its Dockerfiles are Tutor templates',
  'django-plugin': 'a Django app plugin: its packaging declares Open edX plugin entry points (lms.djangoapp, xblock.v1…), and it has no Django project of its own',
  'python-library': 'a Python library: it has packaging metadata (setup.py or pyproject.toml) and no Django project',
  'javascript-package': 'a JavaScript package: package.json, and no Django project',
  // Nothing recognisable (an empty folder, the wrong folder): OEP45-D001 says there is nothing to build.
  unknown: '',
};

/**
 * Whether a settings package is one a service runs in production with: the OEP-45 modules, a
 * production module by its usual names (`production.py`, `yaml_config.py`, `aws.py`…), or Django
 * pointed at it by a wsgi/asgi module or a Dockerfile. Settings that only a `manage.py`, tox or
 * pytest point at, with none of those, run tests or a development workbench.
 */
export function hasProductionSettings(source: FileSource, packages: readonly SettingsPackage[]): boolean {
  return packages.some((pkg) => {
    const names = source.list(pkg.dir);
    if (names.some((n) => (OEP45_MODULES as readonly string[]).includes(n) && n !== '__init__.py') || names.some((n) => PRODUCTION_NAMES.includes(n))) return true;
    return pkg.pointers.some((p) => p.kind === 'project' && (/(^|\/)[aw]sgi\.py$/.test(p.from) || /dockerfile/i.test(p.from)));
  });
}

const TEST_SETTINGS_ONLY = 'and its Django settings only run its tests (no production settings module, no Dockerfile)';

export function projectScope(source: FileSource, facts: KindFacts): ProjectScope {
  const scope = (kind: RepositoryKind, service: boolean): ProjectScope => ({ kind, service, why: WHY[kind] });
  const meta = packaging(source);
  if (facts.settingsFound) {
    // A package (an XBlock like edx-ora2) with a settings/ folder for its manage.py and tox, but
    // nothing a service runs in production with, is no service: its settings run its tests.
    if (!facts.productionSettings && !facts.images && !facts.configured && !facts.imagesData && isPythonPackage(source, meta)) {
      return DJANGO_PLUGIN.test(meta)
        ? { kind: 'django-plugin', service: false, why: `a Django app plugin: its packaging declares Open edX plugin entry points (lms.djangoapp, xblock.v1…), ${TEST_SETTINGS_ONLY}` }
        : { kind: 'python-library', service: false, why: `a Python library: it has packaging metadata (setup.py or pyproject.toml), ${TEST_SETTINGS_ONLY}` };
    }
    return scope('service', true);
  }
  if (facts.imagesData) return scope('images', false);
  if (facts.configured) return scope('service', true);
  if (TUTOR_PLUGIN.test(meta)) return scope('tutor-plugin', false);
  const pkg = source.read('package.json');
  if (!facts.djangoProject && pkg !== undefined && FRONTEND.test(pkg)) return scope('frontend-app', false);
  if (!facts.djangoProject && DJANGO_PLUGIN.test(meta)) return scope('django-plugin', false);
  if (!facts.djangoProject && isPythonPackage(source, meta)) return scope('python-library', false);
  if (facts.images || facts.djangoProject) return scope('service', true);
  if (pkg !== undefined) return scope('javascript-package', false);
  return scope('unknown', false);
}
