// Dockerfile rules (OEP45-D…), in documentation order (docs/rules.md). Ids are stable: a rule that
// is retired keeps its id unused.
import type { Rule } from '../rule.js';
import { d001DockerfileExists } from './d001-dockerfile-exists.js';
import { d002DockerfileSyntax } from './d002-dockerfile-syntax.js';
import { d003NoAnsible } from './d003-no-ansible.js';
import { d004NoPipeToShell } from './d004-no-pipe-to-shell.js';
import { d005ScriptsFromContext } from './d005-scripts-from-context.js';
import { d006ArgDefaults } from './d006-arg-defaults.js';
import { d007FinalStageCommand } from './d007-final-stage-command.js';
import { d008Commented } from './d008-commented.js';
import { d009NoPrivateResources } from './d009-no-private-resources.js';
import { d010BaseImagePinned } from './d010-base-image-pinned.js';
import { d011AptUpdateWithInstall } from './d011-apt-update-with-install.js';
import { d012SourceAfterDependencies } from './d012-source-after-dependencies.js';
import { d013DependencyCache } from './d013-dependency-cache.js';
import { d014ConsecutiveRuns } from './d014-consecutive-runs.js';

export const DOCKERFILE_RULES: readonly Rule[] = [
  d001DockerfileExists,
  d002DockerfileSyntax,
  d003NoAnsible,
  d004NoPipeToShell,
  d005ScriptsFromContext,
  d006ArgDefaults,
  d007FinalStageCommand,
  d008Commented,
  d009NoPrivateResources,
  d010BaseImagePinned,
  d011AptUpdateWithInstall,
  d012SourceAfterDependencies,
  d013DependencyCache,
  d014ConsecutiveRuns,
];
