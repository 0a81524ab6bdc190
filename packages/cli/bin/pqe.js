#!/usr/bin/env node
// The installed entry point; it exists before the build so that npm can link it, and runs the compiled command.
import('../dist/src/bin/pqe.js').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND') {
    process.stderr.write('pqe is not built yet: run scripts/setup (or npm run build) first\n');
    process.exit(2);
  }
  throw error;
});
