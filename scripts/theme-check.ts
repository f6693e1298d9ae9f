// `npm run theme-check -- kommun.css`: whether a municipality's --esk-… colours keep WCAG AA contrast in every widget.
import { readFileSync } from 'node:fs';
import { pairs, themeColours, themeProblems } from '../src/styles/contrast.js';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('Name the theme files to check, e.g. npm run theme-check -- demo/themes/norrby.css');
  process.exit(2);
}
let failed = false;
for (const file of files) {
  const colours = themeColours(readFileSync(file, 'utf8'));
  const problems = themeProblems(colours);
  console.log(problems.length ? `✗ ${file}` : `✓ ${file}: all ${pairs(colours).length} colour pairs meet WCAG 2.1 AA`);
  for (const problem of problems) console.log(`  ${problem}`);
  failed ||= problems.length > 0;
}
process.exit(failed ? 1 : 0);
