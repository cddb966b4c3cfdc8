// Entry point of the `capstone` command (bin/capstone runs it with the project's Node 24).
// The compile cache is switched on before anything else loads, then the CLI proper.
import module from 'node:module';

module.enableCompileCache?.();
const { main } = await import('./run.ts');
process.exitCode = await main(process.argv.slice(2), process.stdin, process.stdout, process.stderr);
