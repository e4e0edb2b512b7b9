// Writes docs/findings.md from the finding catalog (run through `npm run findings-doc`, after a build).
import { writeFileSync } from 'node:fs';
import { renderFindingsDoc } from '../dist/src/core/findings/findings-doc.js';

writeFileSync(new URL('../docs/findings.md', import.meta.url), renderFindingsDoc());
console.log('wrote docs/findings.md');
