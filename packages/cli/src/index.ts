export { loadDemo } from './commands/demo.js';
export { buildProgram, ExitCode } from './program.js';
export { type AppDeps, buildApp } from './server.js';
