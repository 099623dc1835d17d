/**
 * `pnpm lint:docker [file…]` (default: the repo's Dockerfile): the Dockerfile through dockerfile-utils,
 * the validator of the Docker language server (the one editors run), with every optional check on
 * and any finding, warning or error, failing the run. Its own CLI (`dockerfile-utils lint`) exits 0
 * on warnings, which would let them pile up; CI runs this instead (.ci/run "Dockerfile").
 * It checks syntax and semantics: instructions and their flags, arguments, JSON forms, durations,
 * ports, signals, stage names and references, one CMD/ENTRYPOINT/HEALTHCHECK per stage, absolute
 * WORKDIRs, deprecated instructions. What this repo's images must keep (Node 24, a non-root user,
 * a health check, compose limits) is infra/src/dockerfile.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { validate, ValidationSeverity, type ValidatorSettings } from 'dockerfile-utils';
import { ROOT } from './topology';

/** Every optional check at warning level (some are off by default), and warnings count. */
export const STRICT_SETTINGS: Required<ValidatorSettings> = {
  deprecatedMaintainer: ValidationSeverity.WARNING,
  directiveCasing: ValidationSeverity.WARNING,
  emptyContinuationLine: ValidationSeverity.WARNING,
  instructionCasing: ValidationSeverity.WARNING,
  instructionCmdMultiple: ValidationSeverity.WARNING,
  instructionEntrypointMultiple: ValidationSeverity.WARNING,
  instructionHealthcheckMultiple: ValidationSeverity.WARNING,
  instructionJSONInSingleQuotes: ValidationSeverity.WARNING,
  instructionWorkdirRelative: ValidationSeverity.WARNING,
};

/** The findings in one Dockerfile's text, as `line N: error|warning: message`; empty when clean. */
export function lintDockerfile(content: string): string[] {
  return validate(content, STRICT_SETTINGS)
    .sort((a, b) => a.range.start.line - b.range.start.line)
    .map(
      // LSP DiagnosticSeverity: 1 is Error, 2 Warning.
      (d) => `line ${d.range.start.line + 1}: ${d.severity === 1 ? 'error' : 'warning'}: ${d.message}`,
    );
}

if (require.main === module) {
  const files = process.argv.length > 2 ? process.argv.slice(2) : [path.join(ROOT, 'Dockerfile')];
  let findings = 0;
  for (const file of files) {
    const problems = lintDockerfile(fs.readFileSync(file, 'utf8'));
    findings += problems.length;
    const name = path.relative(process.cwd(), file) || file;
    for (const problem of problems) process.stdout.write(`${name}: ${problem}\n`);
    if (problems.length === 0) process.stdout.write(`${name}: no findings (dockerfile-utils, strict)\n`);
  }
  process.exit(findings ? 1 : 0);
}
