// The CLI's help text.

export const HELP = `oep45 — check an Open edX service against OEP-45, then build, tag and publish its images.

Usage: oep45 <command> [DIR] [options]

Commands:
  init [DIR]         write .oep45.yml and the starter workflows for this repository, pinned to
                     this release of oep45-action (--workflows, --registry, --no-config, --force)
  check [DIR]        run the OEP-45 checks (settings, changelog, Dockerfile, operations manual, workflows)
  plan [DIR]         say what this build is (master, nightly, release…) and every image's tags and labels
  build [DIR]        check, plan and build the images into the local engine (never pushes)
  publish [DIR]      check, plan, build what changed and push every tag
  merge [DIR] --only NAME --digest sha256:… [--digest sha256:…]
                     join one image's per-platform images (pushed by digest) into one
                     multi-platform image and apply every planned tag
  demo [DIR]         check and plan; build into the local engine when one answers
  baseline [DIR] [--update]
                     accept today's findings: write them to .oep45-baseline.json, so that
                     --fail-on new fails only on the others; --update only removes the fixed ones
  rules              list every rule with its id, severity and title
  config check --config FILE [DIR]
                     check an operator's YAML configuration against the service's settings
  config upgrade --from REF --to REF [--config FILE] [--format text|markdown|json] [DIR]
                     upgrade notes between two releases (e.g. open-release/sumac.3 and
                     release/teak.1): settings added, removed, renamed (a guess), whose default
                     changed, now required; with --config, what that means for the operator's
                     file, line by line (exit 1 when it lacks a setting the new release requires)
  settings schema [DIR]
                     print the JSON Schema of the operator's YAML configuration
  settings docs [DIR] [--format md|rst]
                     print the settings reference (required settings, defaults, descriptions)

Options:
  -f, --format FMT       text (default), json or sarif (sarif: check only); md or rst for settings docs;
                         markdown for config upgrade
  -o, --output FILE      write the report to FILE instead of standard output
  --config FILE          config file, relative to DIR (default .oep45.yml); for config check
                         and config upgrade, the operator's YAML file
  --from REF --to REF    config upgrade: the release (tag, branch or commit) upgraded from and to
  --settings DIR         the settings package, in a repository of several (edx-platform's lms/envs)
  --fail-on LEVEL        error (default), warning, never, or new: the errors and warnings that
                         the baseline does not list
  --baseline FILE        the baseline, relative to DIR (default .oep45-baseline.json); compared
                         with whenever it exists
  --only NAME            only this image (repeatable)
  --image NAME --context DIR --file PATH --target STAGE
                         build one image from these instead of the config
  --platform P           platform(s), e.g. linux/amd64,linux/arm64
  --build-arg K=V        build argument (repeatable)
  --registry R           registry and namespace, e.g. docker.io/openedx (repeatable)
  --tag T  --label K=V   extra tag (plain, or a full reference) or label (repeatable)
  --cache BACKEND        registry (default), gha, inline or none
  --cache-from S --cache-to S
                         cache sources and destinations passed through to the builder
  --force                rebuild even when an identical image exists
  --max-age AGE          rebuild anyway when the existing image is older (12h, 7d, 2w)
  --allow-overwrite      let a named-release tag move to a different image
  --push-by-digest       publish: push each image (one platform) by digest and as inputs-<key>
                         only, moving no tag (a build leg; merge applies the tags)
  --digest D             merge: a platform image's digest, sha256:… (repeatable)
  --secret id=ID,env=VAR | id=ID,src=FILE
                         build secret (never a build argument)
  --registry-username U --password-stdin
                         log in to the first registry; the password is read from standard input
  --event E --ref R --sha S --date D --default-branch B --pr N --nightly
                         describe the build (default: GITHUB_* variables, else the
                         repository's HEAD); see docs/tags.md
  --release NAME.N       check the changelog as if releasing NAME.N
  --offline              build only from what this machine has: no registry look-ups, no pulls
                         (images whose base image is not in the local engine are skipped)
  --workflows LIST       init: the starters to write, pull-request,nightly,release (default all) or none
  --no-config            init: keep the repository's .oep45.yml and read its images and registries
  --force                init: replace files that exist (build: see above)
  --no-color             plain text output
  -h, --help             this help
  -V, --version          the version

Exit status: 0 when everything passed, 1 when checks or builds failed, 2 on a usage or config error.
`;
