// Runs Mozilla's add-on linter (web-ext lint) on the built Firefox extension and
// reports its findings; errors fail the run. Run after a build.
import { spawnSync } from 'node:child_process';

export async function lintFirefox() {
  const result = spawnSync('npx', ['web-ext', 'lint', '--source-dir', 'dist/firefox', '--output', 'json', '--no-config-discovery'], {
    encoding: 'utf8',
  });
  let report;
  try {
    report = JSON.parse(result.stdout);
  } catch {
    console.error(result.stdout, result.stderr);
    return { errors: [{ code: 'LINT_DID_NOT_RUN', message: 'web-ext lint produced no report' }], warnings: [] };
  }
  for (const finding of [...report.errors, ...report.warnings]) {
    const where = finding.file ? ` (${finding.file}${finding.line ? `:${finding.line}` : ''})` : '';
    console.log(`  ${report.errors.includes(finding) ? 'error' : 'warning'} ${finding.code}: ${finding.message}${where}`);
  }
  console.log(`web-ext lint: ${report.errors.length} errors, ${report.warnings.length} warnings`);
  return report;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const report = await lintFirefox();
  process.exit(report.errors.length > 0 ? 1 : 0);
}
