// Workflows rules (OEP45-W…): the audit an IDA's own GitHub workflows get, and the one this
// repository's workflows pass (test/unit/workflows-security.test.ts).
import type { Rule } from '../rule.js';
import { w001UsesPinned } from './w001-uses-pinned.js';
import { w002NoExpressionsInRun } from './w002-no-expressions-in-run.js';
import { w003PermissionsDeclared } from './w003-permissions-declared.js';
import { w004NoWorkflowWrite } from './w004-no-workflow-write.js';
import { w005NoPullRequestTarget } from './w005-no-pull-request-target.js';
import { w006NoSecretsInherit } from './w006-no-secrets-inherit.js';
import { w007CheckoutCredentials } from './w007-checkout-credentials.js';
import { w008PinComment } from './w008-pin-comment.js';

export const WORKFLOW_RULES: readonly Rule[] = [
  w001UsesPinned,
  w002NoExpressionsInRun,
  w003PermissionsDeclared,
  w004NoWorkflowWrite,
  w005NoPullRequestTarget,
  w006NoSecretsInherit,
  w007CheckoutCredentials,
  w008PinComment,
];
